// What an operation needs (domain/needs.ts), as the SQL that loads it. Pure
// functions of the need: test/unit/pg-sql.test.ts reads what they make, and
// test/e2e/postgres.test.ts checks on a live server that what they load holds
// at least what `restrict` says. For named comments and queue filters the SQL
// is exact; where it cannot be (a --search), it loads more and the domain
// code filters.
import type { Needs } from '../../domain/needs.js';
import type { QueueFilter } from '../../domain/queue-filter.js';
import { sqlLiteral as lit } from './sql-literal.js';

const idArray = (ids: readonly number[]) => `ARRAY[${ids.map(lit).join(',')}]::bigint[]`;

type AuthorNeed = Extract<Needs, { comments: 'author' }>;

/**
 * The comments by any of these names, e-mails or (from the web) senders, and
 * those they reply to: what one submission needs, or a group of them (a group
 * commit). One clause a value, OR-ed (each an index scan), not `= ANY` of an
 * array: PostgreSQL estimated fifty names in an array as most of a
 * million-comment table, and with that form the serve bench once fell to 14
 * posts a second there (not seen again in a shorter run; the OR form has held).
 */
function authorWhere(needs: readonly AuthorNeed[]): string {
  const clauses = new Set<string>();
  for (const n of needs) {
    clauses.add(`author_key = ${lit(n.author.toLowerCase())}`);
    if (n.email !== null) clauses.add(`email_key = ${lit(n.email.toLowerCase())}`);
    // The sender's clause is the expression its index holds.
    if (n.sender !== undefined) clauses.add(`(data ->> 'sender') = ${lit(n.sender)}`);
    if (n.parentId !== undefined) clauses.add(`id = ${lit(n.parentId)}`);
  }
  return [...clauses].join(' OR ') || 'false';
}

/** Their articles: the ones named (every one when one of them does not exist, or none is named), and those of the comments replied to. */
function authorArticles(needs: readonly AuthorNeed[]): string {
  if (needs.some((n) => n.articleId === undefined)) return 'true';
  const names = [...new Set(needs.map((n) => n.articleId!))];
  const parents = needs.flatMap((n) => (n.parentId === undefined ? [] : [n.parentId]));
  const wanted = `id = ANY(ARRAY[${names.map(lit).join(', ')}]::text[])`;
  return [
    names.length === 1 ? named(names[0]) : `${wanted} OR (SELECT count(*) FROM rfa_articles WHERE ${wanted}) < ${names.length}`,
    // The comment replied to comes from its own article.
    ...(parents.length ? [`id IN (SELECT article_id FROM rfa_comments WHERE id = ANY(${idArray(parents)}))`] : []),
  ].join(' OR ');
}

/** The queue filter in SQL: exact for everything but --search, which the domain code applies after. */
export function filterWhere(filter: QueueFilter): string {
  const conditions: string[] = [];
  if (filter.status !== 'all') conditions.push(`status = ${lit(filter.status)}`);
  if (filter.articleId !== undefined) conditions.push(`article_id = ${lit(filter.articleId)}`);
  if (filter.author !== undefined) conditions.push(`author_key = ${lit(filter.author.normalize('NFC').trim().toLowerCase())}`);
  if (filter.since !== undefined) conditions.push(`created_at >= ${lit(filter.since.toISOString())}`);
  if (filter.flagged) conditions.push(`json_array_length(coalesce(data -> 'flags', '[]'::json)) > 0`);
  return conditions.length ? conditions.join(' AND ') : 'true';
}

/** The WHERE clause for a need's comments; null for none. */
export function commentWhere(needs: Needs): string | null {
  switch (needs.comments) {
    case 'all':
      return 'true';
    case 'none':
      return null;
    case 'ids': {
      const ids = `id = ANY(${idArray(needs.ids)})`;
      if (!needs.parents) return ids;
      return `${ids} OR id IN (SELECT (data ->> 'parentId')::bigint FROM rfa_comments WHERE ${ids})`;
    }
    case 'thread': {
      // Unnamed, the article is the store's only one.
      const article = needs.articleId !== undefined ? lit(needs.articleId) : '(SELECT min(id) FROM rfa_articles HAVING count(*) = 1)';
      return `article_id = ${article} AND status = 'approved'`;
    }
    case 'author':
      return authorWhere([needs]);
    case 'receipt':
      return `(data ->> 'receipt') = ${lit(needs.receipt)}`;
    case 'sources':
      // The expressions and the condition of the partial index rfa_comments_source.
      return `(data -> 'source') IS NOT NULL AND (data #>> '{source,from}') = ${lit(needs.from)} AND (data #>> '{source,id}') = ANY(ARRAY[${needs.ids.map(lit).join(',')}]::text[])`;
    case 'changed':
      // ISO times compare as text; the expression is the one the index holds.
      return `(data ->> 'updatedAt') >= ${lit(needs.since.toISOString())}${needs.articleId !== undefined ? ` AND article_id = ${lit(needs.articleId)}` : ''}`;
    case 'recent': {
      // The `count` most recently updated (walking the index from the newest), and any updated at the
      // same time as the last of them: so written, the planner knows it is a few rows, not a third of the table.
      const own = needs.articleId !== undefined ? `article_id = ${lit(needs.articleId)}` : 'true';
      const count = Math.max(1, Math.floor(needs.count));
      const newest = `SELECT id, data ->> 'updatedAt' AS at FROM rfa_comments WHERE ${own} ORDER BY (data ->> 'updatedAt') DESC LIMIT ${lit(count)}`;
      const threshold = `(SELECT data ->> 'updatedAt' FROM rfa_comments WHERE ${own} ORDER BY (data ->> 'updatedAt') DESC OFFSET ${lit(count - 1)} LIMIT 1)`;
      return `id IN (SELECT id FROM (${newest}) AS newest UNION SELECT id FROM rfa_comments WHERE ${own} AND (data ->> 'updatedAt') = ${threshold})`;
    }
    case 'query': {
      const filter = needs.filter;
      const where = filterWhere(filter);
      // A limit can go to the server only when it knows the whole filter (not --search). It
      // loads up to the end of the page: the query skips the offset itself, as on the file.
      if (filter.search || filter.limit === undefined) return where;
      const order = filter.sort === 'newest' ? 'DESC' : '';
      return `id IN (SELECT id FROM rfa_comments WHERE ${where} ORDER BY id ${order} LIMIT ${lit(Math.floor((filter.offset ?? 0) + filter.limit))})`;
    }
  }
}

/** A named article, and every article when it does not exist (so that "known ids: …" is the same as on the file). */
const named = (id: string) => `id = ${lit(id)} OR NOT EXISTS (SELECT 1 FROM rfa_articles WHERE id = ${lit(id)})`;

/**
 * The WHERE clause for a need's articles (see `restrict`): the one it names
 * (else all, to find the only one or say which there are), and for comments it
 * is about, theirs.
 */
export function articleWhere(needs: Needs, comments: string | null): string {
  switch (needs.comments) {
    case 'all':
    case 'none':
      return 'true';
    case 'thread':
      return needs.articleId === undefined ? 'true' : named(needs.articleId);
    case 'author':
      return authorArticles([needs]);
    case 'ids':
    case 'receipt':
    case 'sources':
    case 'query':
    case 'changed':
    case 'recent': {
      // DISTINCT: the planner then finds the comments once, instead of filtering each article's comments.
      const theirs = comments === null ? 'false' : `id IN (SELECT DISTINCT article_id FROM rfa_comments WHERE ${comments})`;
      const articleId = needs.comments === 'query' ? needs.filter.articleId : needs.comments === 'changed' || needs.comments === 'recent' ? needs.articleId : undefined;
      return articleId === undefined ? theirs : `${theirs} OR ${named(articleId)}`;
    }
  }
}

/** The statements that load these articles and comments (locked with `lock`, in id order), with meta and the id sequence. */
const loadWhere = (articles: string, comments: string | null, lock: boolean) => [
  'SELECT key, value::text AS value FROM rfa_meta',
  `SELECT data::text AS data FROM rfa_articles WHERE ${articles} ORDER BY position`,
  // The domain code relies on id order.
  `SELECT data::text AS data FROM rfa_comments WHERE ${comments ?? 'false'} ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
  'SELECT last_value, is_called FROM rfa_comment_id',
];

/** The statements that load what a need asks for: meta, articles, comments (locked with `lock`, in id order), the id sequence. */
export function loadStatements(needs: Needs, lock: boolean): string[] {
  const where = commentWhere(needs);
  return loadWhere(articleWhere(needs, where), where, lock);
}

/**
 * What several operations need at once (a group commit of submissions): each
 * table's rows that any of them needs, loaded in one round trip.
 */
export function loadStatementsForAll(needs: readonly Needs[], lock: boolean): string[] {
  if (needs.length === 1) return loadStatements(needs[0], lock);
  if (needs.length && needs.every((n) => n.comments === 'author')) {
    const submissions = needs as readonly AuthorNeed[];
    return loadWhere(authorArticles(submissions), authorWhere(submissions), lock);
  }
  const wheres = needs.map(commentWhere);
  const any = (clauses: (string | null)[]) => {
    const kept = clauses.filter((c): c is string => c !== null);
    return kept.length ? kept.map((c) => `(${c})`).join(' OR ') : null;
  };
  return loadWhere(any(needs.map((n, i) => articleWhere(n, wheres[i]))) ?? 'false', any(wheres), lock);
}

/** How many comments a filter (without --search) matches: status and article alone from the counts table, anything else counted. */
export function countStatement(filter: QueueFilter): string {
  const byCounts = filter.author === undefined && filter.since === undefined && !filter.flagged;
  return byCounts
    ? `SELECT coalesce(sum(n), 0) AS n FROM rfa_counts WHERE ${[
        filter.status !== 'all' ? `status = ${lit(filter.status)}` : 'true',
        filter.articleId !== undefined ? `article_id = ${lit(filter.articleId)}` : 'true',
      ].join(' AND ')}`
    : `SELECT count(*) AS n FROM rfa_comments WHERE ${filterWhere(filter)}`;
}
