// The PostgreSQL backend's SQL builders are pure functions: what they make for
// each need and each change, read without a server. (That the SQL loads at
// least what `restrict` says is checked on a live server in test/e2e/postgres.test.ts.)
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/domain/comment';
import { emptyStoreData } from '../../src/domain/store-data';
import { articleWhere, commentWhere, countStatement, loadStatements, loadStatementsForAll } from '../../src/store/pg/needs-sql';
import { createSchema, migrationsAfter, PG_SCHEMA_VERSION } from '../../src/store/pg/schema';
import { changeWrites, fillBatches, remember } from '../../src/store/pg/writes';

const comment = (id: number, over: Partial<Comment> = {}): Comment => ({
  id,
  articleId: 'a',
  parentId: null,
  author: 'Ann',
  email: null,
  body: 'text',
  status: 'pending',
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
  history: [{ action: 'submitted', at: '2026-11-28T10:00:00.000Z', by: 'Ann' }],
  ...over,
});

describe('what a need loads', () => {
  it('named comments by id; with their parents, the comments they reply to too', () => {
    expect(commentWhere({ comments: 'ids', ids: [3, 5] })).toBe('id = ANY(ARRAY[3,5]::bigint[])');
    expect(commentWhere({ comments: 'ids', ids: [3], parents: true })).toBe(
      "id = ANY(ARRAY[3]::bigint[]) OR id IN (SELECT (data ->> 'parentId')::bigint FROM rfa_comments WHERE id = ANY(ARRAY[3]::bigint[]))",
    );
  });

  it('no comments loads none, and every article', () => {
    const [, articles, comments] = loadStatements({ comments: 'none' }, false);
    expect(articles).toContain('WHERE true');
    expect(comments).toContain('WHERE false ORDER BY id');
  });

  it('a write locks the comments it loads; a read does not', () => {
    expect(loadStatements({ comments: 'ids', ids: [1] }, true)[2]).toMatch(/ORDER BY id FOR UPDATE$/);
    expect(loadStatements({ comments: 'ids', ids: [1] }, false)[2]).toMatch(/ORDER BY id$/);
  });

  it('a queue limit goes to the server only when it knows the whole filter (not with --search)', () => {
    expect(commentWhere({ comments: 'query', filter: { status: 'pending', limit: 50, sort: 'newest' } })).toBe(
      "id IN (SELECT id FROM rfa_comments WHERE status = 'pending' ORDER BY id DESC LIMIT 50)",
    );
    expect(commentWhere({ comments: 'query', filter: { status: 'pending', limit: 50, search: 'x' } })).toBe("status = 'pending'");
  });

  it('names are quoted as literals, never spliced in', () => {
    expect(commentWhere({ comments: 'author', author: "O'Brien", email: null })).toBe("author_key = 'o''brien'");
    expect(commentWhere({ comments: 'query', filter: { status: 'all', author: 'a\\b' } })).toBe("author_key =  E'a\\\\b'");
  });

  it('a named article brings every article when it does not exist (for the "known ids" hint), and its own otherwise', () => {
    expect(articleWhere({ comments: 'thread', articleId: 'x' }, null)).toBe("id = 'x' OR NOT EXISTS (SELECT 1 FROM rfa_articles WHERE id = 'x')");
    expect(articleWhere({ comments: 'thread' }, null)).toBe('true');
    const queue = { comments: 'query' as const, filter: { status: 'pending' as const, articleId: 'x' } };
    expect(articleWhere(queue, commentWhere(queue))).toBe(
      "id IN (SELECT DISTINCT article_id FROM rfa_comments WHERE status = 'pending' AND article_id = 'x') OR id = 'x' OR NOT EXISTS (SELECT 1 FROM rfa_articles WHERE id = 'x')",
    );
  });

  it('a group of submissions loads, in one round trip, what any of them needs (the web sender too), each value once', () => {
    const a = { comments: 'author' as const, author: 'Ann', email: null, sender: 's1', articleId: 'x' };
    const b = { comments: 'author' as const, author: 'Bo', email: 'bo@example.org', articleId: 'x', parentId: 7 };
    const c = { comments: 'author' as const, author: 'ANN', email: null, sender: 's2', articleId: 'y' };
    const [, articles, comments] = loadStatementsForAll([a, b, c], true);
    expect(comments).toBe(
      "SELECT data::text AS data FROM rfa_comments WHERE author_key = 'ann' OR (data ->> 'sender') = 's1' OR author_key = 'bo' OR email_key = 'bo@example.org' OR id = 7 OR (data ->> 'sender') = 's2' ORDER BY id FOR UPDATE",
    );
    expect(articles).toBe(
      "SELECT data::text AS data FROM rfa_articles WHERE id = ANY(ARRAY['x', 'y']::text[]) OR (SELECT count(*) FROM rfa_articles WHERE id = ANY(ARRAY['x', 'y']::text[])) < 2 OR id IN (SELECT article_id FROM rfa_comments WHERE id = ANY(ARRAY[7]::bigint[])) ORDER BY position",
    );
    expect(commentWhere(a)).toBe("author_key = 'ann' OR (data ->> 'sender') = 's1'");
    expect(loadStatementsForAll([a, { ...b, articleId: undefined }], true)[1]).toContain('WHERE true');
    expect(loadStatementsForAll([a], true)).toEqual(loadStatements(a, true));
    expect(loadStatementsForAll([{ comments: 'none' }, { comments: 'none' }], false)[2]).toContain('WHERE false');
  });

  it('counting by status and article reads the counts table; anything else counts rows', () => {
    expect(countStatement({ status: 'pending', articleId: 'a' })).toBe("SELECT coalesce(sum(n), 0) AS n FROM rfa_counts WHERE status = 'pending' AND article_id = 'a'");
    expect(countStatement({ status: 'pending', flagged: true })).toMatch(/^SELECT count\(\*\) AS n FROM rfa_comments WHERE status = 'pending' AND json_array_length/);
  });
});

describe('what a change writes', () => {
  const loaded = () => {
    const data = emptyStoreData();
    data.articles.push({ id: 'a', title: 'A', subtitle: null, byline: null, dateline: null, image: null, body: [], editorNote: null, commentPolicy: null, createdAt: 'x' });
    data.comments.push(comment(1), comment(2));
    data.nextCommentId = 3;
    return data;
  };

  it('nothing changed: nothing written', () => {
    const data = loaded();
    expect(changeWrites(remember(data), data)).toEqual([]);
  });

  it('a decision updates that row alone, and moves one count from the old status to the new', () => {
    const data = loaded();
    const before = remember(data);
    data.comments[1].status = 'approved';
    const writes = changeWrites(before, data);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^UPDATE rfa_comments AS c SET/);
    expect(writes[0]).toContain("(2, 'a', 'approved',");
    expect(writes[0]).not.toContain('(1, ');
    expect(writes[1]).toBe("INSERT INTO rfa_counts (article_id, status, n) VALUES ('a', 'approved', 1), ('a', 'pending', -1) ON CONFLICT (article_id, status) DO UPDATE SET n = rfa_counts.n + EXCLUDED.n");
  });

  it('a new comment is inserted, counted, and moves the id sequence', () => {
    const data = loaded();
    const before = remember(data);
    data.comments.push(comment(3, { author: 'Bo', email: 'Bo@Example.org' }));
    data.nextCommentId = 4;
    const writes = changeWrites(before, data);
    expect(writes[0]).toMatch(/^INSERT INTO rfa_comments .* VALUES \(3, 'a', 'pending', '2026-11-28T10:00:00.000Z', 'bo', 'bo@example.org', /s);
    expect(writes[1]).toContain("VALUES ('a', 'pending', 1)");
    expect(writes[2]).toBe("SELECT setval('rfa_comment_id', 4, false)");
  });

  it('settings changed: the meta rows are written', () => {
    const data = loaded();
    const before = remember(data);
    data.settings = { policy: {} as never, reasonMessages: {} as never };
    expect(changeWrites(before, data)[0]).toMatch(/^INSERT INTO rfa_meta/);
  });

  it('filling a store inserts comments a thousand to a statement, then the counts; a restore never moves the sequence back', () => {
    const data = loaded();
    data.comments = Array.from({ length: 2500 }, (_, i) => comment(i + 1));
    data.nextCommentId = 2501;
    const batches = fillBatches(data, true);
    expect(batches).toHaveLength(5);
    expect(batches.slice(1, 4).map((b) => (b[0].match(/\),\n\(/g) ?? []).length + 1)).toEqual([1000, 1000, 500]);
    expect(batches[4][1]).toContain('greatest(2501,');
    expect(fillBatches(data, false)[4][1]).toBe("SELECT setval('rfa_comment_id', 2501, false)");
  });
});

describe('the schema', () => {
  it('a new store is the first schema and every migration, ending at the current version', () => {
    const statements = createSchema();
    expect(statements[0]).toContain('CREATE TABLE rfa_schema');
    expect(statements.at(-1)).toBe(`UPDATE rfa_schema SET version = ${PG_SCHEMA_VERSION}`);
    expect(statements).toHaveLength(PG_SCHEMA_VERSION + 1);
    expect(migrationsAfter(PG_SCHEMA_VERSION)).toEqual([`UPDATE rfa_schema SET version = ${PG_SCHEMA_VERSION}`]);
  });
});
