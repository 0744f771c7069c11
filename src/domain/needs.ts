// What an operation reads, in the domain's words, and what each need means:
// `restrict` below is the definition. A backend hands an operation at least
// `restrict(data, needs)` (the JSON file hands over everything; PostgreSQL
// loads what store/pg/needs-sql.ts selects), and every operation gives the same
// answer on that as on the whole store: test/unit/needs.test.ts checks each one.
//
// Always there: the version, the next comment id, the settings and the server's secret.
import type { Article } from './article.js';
import type { Comment } from './comment.js';
import { isOwn } from './own-comments.js';
import { queryComments, type QueueFilter } from './queue-filter.js';
import type { StoreData } from './store-data.js';

export type Needs =
  /** Everything. */
  | { comments: 'all' }
  /** No comments; every article. */
  | { comments: 'none' }
  /** These comments (with `parents`, the comments they reply to too), and their articles. */
  | { comments: 'ids'; ids: readonly number[]; parents?: boolean }
  /** The approved comments of one article (the only one when not named): a reader's view. */
  | { comments: 'thread'; articleId?: string }
  /**
   * Everything by this author or e-mail (or, from the web, this sender), and the
   * comment replied to: what the house rules look at; and the article commented on.
   */
  | { comments: 'author'; author: string; email: string | null; sender?: string; parentId?: number; articleId?: string }
  /** The comment a reader's receipt names (by the token's hash), and its article. */
  | { comments: 'receipt'; receipt: string }
  /** The comments the queue filter matches, and their articles. */
  | { comments: 'query'; filter: QueueFilter }
  /**
   * Every comment (on one article, if named) with a history entry at or after
   * `since`, and their articles: the moderation log's view. A comment's
   * updatedAt is the time of its latest entry, so these are the comments updated since.
   */
  | { comments: 'changed'; since: Date; articleId?: string }
  /**
   * The comments (on one article, if named) updated at or after the `count`-th
   * most recent update among them (every one, when there are fewer), and their
   * articles: the newest part of the moderation log, whatever its age.
   */
  | { comments: 'recent'; count: number; articleId?: string }
  /** The comments imported from `from` with these source ids (an import's question: which are here already), and their articles. */
  | { comments: 'sources'; from: string; ids: readonly string[] };

export const ALL: Needs = { comments: 'all' };
export const NO_COMMENTS: Needs = { comments: 'none' };

/** The article a need names, if any. */
function namedArticle(needs: Needs): string | undefined {
  switch (needs.comments) {
    case 'thread':
    case 'author':
    case 'changed':
    case 'recent':
      return needs.articleId;
    case 'query':
      return needs.filter.articleId;
    default:
      return undefined;
  }
}

/**
 * The articles that go with the chosen comments: the one the need names, and
 * those of the comments it is about (for a submission, of the comment replied
 * to). A named article that does not exist brings every article, so that
 * "no article 'x'; known ids: …" reads the same on every backend; so does a
 * reader's view or a submission that names none (to find the only one, or say
 * which there are).
 */
function articlesFor(data: StoreData, needs: Needs, comments: readonly Comment[]): Article[] {
  if (needs.comments === 'none') return data.articles;
  const named = namedArticle(needs);
  if (named !== undefined && !data.articles.some((a) => a.id === named)) return data.articles;
  if (named === undefined && (needs.comments === 'thread' || needs.comments === 'author')) return data.articles;
  const wanted = new Set<string>(named === undefined ? [] : [named]);
  const owners = needs.comments === 'thread' ? [] : needs.comments === 'author' ? comments.filter((c) => c.id === needs.parentId) : comments;
  for (const c of owners) wanted.add(c.articleId);
  return data.articles.filter((a) => wanted.has(a.id));
}

function commentsFor(data: StoreData, needs: Needs): Comment[] {
  switch (needs.comments) {
    case 'all':
      return data.comments;
    case 'none':
      return [];
    case 'ids': {
      const ids = new Set(needs.ids);
      if (needs.parents) {
        for (const c of data.comments) if (ids.has(c.id) && c.parentId !== null) ids.add(c.parentId);
      }
      return data.comments.filter((c) => ids.has(c.id));
    }
    case 'thread': {
      const articleId = needs.articleId ?? (data.articles.length === 1 ? data.articles[0].id : undefined);
      return data.comments.filter((c) => c.articleId === articleId && c.status === 'approved');
    }
    case 'author':
      return data.comments.filter((c) => isOwn(c, needs) || c.id === needs.parentId);
    case 'receipt':
      return data.comments.filter((c) => c.receipt === needs.receipt);
    case 'query': {
      // The comments up to the end of the page: the query skips the offset itself.
      const { offset = 0, limit } = needs.filter;
      return queryComments(data, { ...needs.filter, offset: undefined, limit: limit === undefined ? undefined : offset + limit }).sort((a, b) => a.id - b.id);
    }
    case 'changed': {
      const since = needs.since.toISOString();
      return data.comments.filter((c) => c.updatedAt >= since && (needs.articleId === undefined || c.articleId === needs.articleId));
    }
    case 'sources': {
      const ids = new Set(needs.ids);
      return data.comments.filter((c) => c.source?.from === needs.from && ids.has(c.source.id));
    }
    case 'recent': {
      const own = data.comments.filter((c) => needs.articleId === undefined || c.articleId === needs.articleId);
      if (own.length <= needs.count) return own;
      const threshold = own.map((c) => c.updatedAt).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[needs.count - 1];
      return own.filter((c) => c.updatedAt >= threshold);
    }
  }
}

/** The least of `data` that `needs` asks for: what every backend must hand over (in id and article order, as stored). */
export function restrict(data: StoreData, needs: Needs): StoreData {
  if (needs.comments === 'all') return data;
  const comments = commentsFor(data, needs);
  const out: StoreData = { version: data.version, nextCommentId: data.nextCommentId, articles: articlesFor(data, needs, comments), comments };
  if (data.settings !== undefined) out.settings = data.settings;
  if (data.secret !== undefined) out.secret = data.secret;
  return out;
}
