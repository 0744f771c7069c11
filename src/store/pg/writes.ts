// What an operation changed, as SQL: the rows that differ from what was loaded,
// and what they change in the comment counts. Pure functions of the data.
import type { Article } from '../../domain/article.js';
import type { Comment } from '../../domain/comment.js';
import type { StoreData } from '../../domain/store-data.js';
import { commentFigures, type CommentFigures } from '../../domain/figures.js';
import { sqlFloat, sqlLiteral as lit } from './sql-literal.js';

/** The indexed columns of a comment row beside its JSON text (given when already made), as SQL literals in table order. */
const commentRow = (c: Comment, text = JSON.stringify(c)) =>
  `(${lit(c.id)}, ${lit(c.articleId)}, ${lit(c.status)}, ${lit(c.createdAt)}, ${lit(c.author.toLowerCase())}, ${lit(c.email?.toLowerCase() ?? null)}, ${lit(text)}::json)`;

export function metaWrites(data: StoreData): string[] {
  return [
    `INSERT INTO rfa_meta (key, value) VALUES ('version', ${lit(JSON.stringify(data.version))}::json), ('settings', ${lit(JSON.stringify(data.settings ?? null))}::json)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    ...(data.settings === undefined ? [`DELETE FROM rfa_meta WHERE key = 'settings'`] : []),
    ...(data.secret !== undefined ? [`INSERT INTO rfa_meta (key, value) VALUES ('secret', ${lit(JSON.stringify(data.secret))}::json) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`] : []),
  ];
}

export function articleWrites(articles: Article[], existing: Map<string, string>): string[] {
  return articles.map((a) =>
    existing.has(a.id)
      ? `UPDATE rfa_articles SET data = ${lit(JSON.stringify(a))}::json WHERE id = ${lit(a.id)}`
      : `INSERT INTO rfa_articles (id, data) VALUES (${lit(a.id)}, ${lit(JSON.stringify(a))}::json)`,
  );
}

export function insertComments(comments: Comment[], texts?: Map<number, string>): string {
  return `INSERT INTO rfa_comments (id, article_id, status, created_at, author_key, email_key, data) VALUES ${comments.map((c) => commentRow(c, texts?.get(c.id))).join(',\n')}`;
}

/** What a loaded comment was: to tell what changed, and what leaves the counts and the figures. */
export interface LoadedComment {
  json: string;
  articleId: string;
  status: string;
  figures: CommentFigures;
}

/** What writes add to a table of counts keyed by two columns (rfa_counts, rfa_decisions). */
class PairCounts {
  readonly #delta = new Map<string, number>();

  add(a: string, b: string, n: number): void {
    const key = JSON.stringify([a, b]);
    this.#delta.set(key, (this.#delta.get(key) ?? 0) + n);
  }

  /** One upsert that adds them (none when nothing changed), in key order, so that writers lock the rows in one order. */
  upsert(table: string, first: string, second: string): string[] {
    const rows = [...this.#delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!rows.length) return [];
    const values = rows.map(([key, n]) => {
      const [a, b] = JSON.parse(key) as [string, string];
      return `(${lit(a)}, ${lit(b)}, ${lit(n)})`;
    });
    return [`INSERT INTO ${table} (${first}, ${second}, n) VALUES ${values.join(', ')} ON CONFLICT (${first}, ${second}) DO UPDATE SET n = ${table}.n + EXCLUDED.n`];
  }
}

/**
 * What comments change in the figures the database keeps summed (rfa_waits,
 * one row per decided comment; rfa_decisions, a count per moderator and
 * action): what each adds now, less what it added when loaded.
 */
export function figureWrites(comments: Comment[], existing: Map<number, Pick<LoadedComment, 'figures'>>): string[] {
  const waits: string[] = [];
  const undecided: number[] = [];
  const decisions = new PairCounts();
  for (const c of comments) {
    const now = commentFigures(c);
    const before = existing.get(c.id)?.figures;
    if (now.waitSeconds !== (before?.waitSeconds ?? null)) {
      if (now.waitSeconds === null) undecided.push(c.id);
      else waits.push(`(${lit(c.id)}, ${sqlFloat(now.waitSeconds)})`);
    }
    for (const d of now.decisions) decisions.add(d.by, d.action, 1);
    for (const d of before?.decisions ?? []) decisions.add(d.by, d.action, -1);
  }
  const statements: string[] = [];
  if (waits.length) statements.push(`INSERT INTO rfa_waits (id, seconds) VALUES ${waits.join(', ')} ON CONFLICT (id) DO UPDATE SET seconds = EXCLUDED.seconds`);
  if (undecided.length) statements.push(`DELETE FROM rfa_waits WHERE id IN (${undecided.map(lit).join(', ')})`);
  statements.push(...decisions.upsert('rfa_decisions', 'moderator', 'action'));
  return statements;
}

/** Changed and new comments, and what they change in the counts (in key order, so that writers lock count rows in one order). */
export function commentWrites(comments: Comment[], existing: Map<number, Omit<LoadedComment, 'json'>>, texts?: Map<number, string>): string[] {
  if (comments.length === 0) return [];
  const statements: string[] = figureWrites(comments, existing);
  const changed = comments.filter((c) => existing.has(c.id));
  const fresh = comments.filter((c) => !existing.has(c.id));
  if (changed.length) {
    statements.push(`UPDATE rfa_comments AS c SET article_id = v.article_id, status = v.status, created_at = v.created_at, author_key = v.author_key, email_key = v.email_key, data = v.data
        FROM (VALUES ${changed.map((c) => commentRow(c, texts?.get(c.id))).join(',\n')}) AS v (id, article_id, status, created_at, author_key, email_key, data) WHERE c.id = v.id`);
  }
  if (fresh.length) statements.push(insertComments(fresh, texts));
  const counts = new PairCounts();
  for (const c of comments) {
    const old = existing.get(c.id);
    if (old) counts.add(old.articleId, old.status, -1);
    counts.add(c.articleId, c.status, 1);
  }
  statements.push(...counts.upsert('rfa_counts', 'article_id', 'status'));
  return statements;
}

/** The id sequence set to at least `next`, never back. */
export const moveSequencePast = (next: number) =>
  `SELECT setval('rfa_comment_id', greatest(${lit(next)}, (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM rfa_comment_id)), false)`;

export const setSequence = (next: number) => `SELECT setval('rfa_comment_id', ${lit(next)}, false)`;

/** What was loaded, remembered to tell afterwards what an operation changed. */
export interface Loaded {
  articles: Map<string, string>;
  comments: Map<number, LoadedComment>;
  settings: string;
  secret?: string;
  next: number;
}

export function remember(data: StoreData): Loaded {
  return {
    articles: new Map(data.articles.map((a) => [a.id, JSON.stringify(a)])),
    comments: new Map(data.comments.map((c) => [c.id, { json: JSON.stringify(c), articleId: c.articleId, status: c.status, figures: commentFigures(c) }])),
    settings: JSON.stringify(data.settings ?? null),
    secret: data.secret,
    next: data.nextCommentId,
  };
}

/**
 * The statements that write what differs between `before` and `data` now: only
 * the rows that changed, and the id sequence (unless `sequence` is false: it is
 * not transactional, so a transaction of several steps moves it once, as it commits).
 */
export function changeWrites(before: Loaded, data: StoreData, { sequence = true } = {}): string[] {
  const writes: string[] = [];
  const articles = data.articles.filter((a) => before.articles.get(a.id) !== JSON.stringify(a));
  writes.push(...articleWrites(articles, before.articles));
  // Each comment's text, made once: to see what changed, then to write it.
  const texts = new Map(data.comments.map((c) => [c.id, JSON.stringify(c)]));
  const comments = data.comments.filter((c) => before.comments.get(c.id)?.json !== texts.get(c.id));
  writes.push(...commentWrites(comments, before.comments, texts));
  if (JSON.stringify(data.settings ?? null) !== before.settings || data.secret !== before.secret) writes.push(...metaWrites(data));
  if (sequence && data.nextCommentId !== before.next) writes.push(setSequence(data.nextCommentId));
  return writes;
}

/** Rows per INSERT when filling a store. */
const FILL_BATCH = 1000;

/** What a whole store writes before its comments, into empty tables. */
export const headWrites = (data: StoreData): string[] => [...metaWrites(data), ...articleWrites(data.articles, new Map())];

/** Comments into empty tables, FILL_BATCH rows a statement, with what they add to the figures. */
export function commentBatches(comments: Comment[]): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < comments.length; i += FILL_BATCH) {
    const slice = comments.slice(i, i + FILL_BATCH);
    batches.push([insertComments(slice), ...figureWrites(slice, new Map())]);
  }
  return batches;
}

/** After a fill: the counts from the rows, and the id sequence (`onlyForward`: never moved back). */
export const countsAndSequence = (next: number, onlyForward: boolean): string[] => [
  'INSERT INTO rfa_counts (article_id, status, n) SELECT article_id, status, count(*) FROM rfa_comments GROUP BY article_id, status',
  onlyForward ? moveSequencePast(next) : setSequence(next),
];

/** The batches that write a whole store's data into empty tables, then its counts. */
export function fillBatches(data: StoreData, onlyForward: boolean): string[][] {
  return [headWrites(data), ...commentBatches(data.comments), countsAndSequence(data.nextCommentId, onlyForward)];
}
