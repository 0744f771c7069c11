// Which articles a store holds, and picking one for a command.
import { conflict, notFound, usageError } from '../errors.js';
import type { StoreData } from './store-data.js';
import { slugify, validateSlug, type Article, type ParsedArticle } from './article.js';
import type { Comment, CommentStatus } from './comment.js';
import type { Policy } from './settings.js';
import { nearest } from './nearest.js';
import { NO_COMMENTS } from './needs.js';
import type { Operation } from './operation.js';

/** The hint for an unknown article id: the closest ids first ("did you mean"), at most five, and how many more. */
function knownIds(ids: string[], wanted: string): string {
  const SHOWN = 5;
  if (ids.length <= SHOWN) return `known ids: ${ids.join(', ')}`;
  return `did you mean ${nearest(ids, wanted, SHOWN).join(', ')}? (${ids.length} articles; 'rfa article list' shows them all)`;
}

export function selectArticle(data: StoreData, id?: string): Article {
  if (id !== undefined) {
    const article = data.articles.find((a) => a.id === id);
    if (!article) {
      throw notFound(`no article with id '${id}'`, data.articles.length ? knownIds(data.articles.map((a) => a.id), id) : undefined);
    }
    return article;
  }
  if (data.articles.length === 1) return data.articles[0];
  if (data.articles.length === 0) throw notFound('the store holds no articles', "add one with 'rfa article import <file>'");
  throw usageError(
    `the store holds ${data.articles.length} articles; choose one with --article <id>`,
    `ids: ${data.articles.map((a) => a.id).join(', ')}`,
  );
}

/**
 * `--article <id>` naming an article the store does not have is not found (with
 * the ids it does have), whatever the command, never an empty answer. `data`
 * holds every article when the id is unknown (see needs.ts).
 */
export function mustKnowArticle(data: StoreData, id: string | undefined): void {
  if (id !== undefined && !data.articles.some((a) => a.id === id)) selectArticle(data, id);
}

export function addArticle(data: StoreData, parsed: ParsedArticle, now: Date, id?: string): Article {
  const articleId = id === undefined ? slugify(parsed.title) : validateSlug(id);
  if (data.articles.some((a) => a.id === articleId)) {
    throw conflict(`an article with id '${articleId}' exists already`, 'choose another id with --id <slug>', 'ALREADY_EXISTS');
  }
  const article: Article = { id: articleId, ...parsed, createdAt: now.toISOString() };
  data.articles.push(article);
  return article;
}

export interface ArticleSummary {
  id: string;
  title: string;
  counts: Record<CommentStatus, number>;
  closed: boolean;
}

/** How many comments an article has in one status. */
export interface CommentCount {
  articleId: string;
  status: CommentStatus;
  n: number;
}

export function countByArticle(comments: readonly Comment[]): CommentCount[] {
  const counts = new Map<string, CommentCount>();
  for (const c of comments) {
    const key = `${c.articleId}\u0000${c.status}`;
    const count = counts.get(key) ?? counts.set(key, { articleId: c.articleId, status: c.status, n: 0 }).get(key)!;
    count.n++;
  }
  return [...counts.values()];
}

/** The whole store's comments per status, from the per-article counts. */
export function totalsByStatus(counts: readonly CommentCount[]): Record<CommentStatus, number> {
  const totals = { pending: 0, approved: 0, rejected: 0 };
  for (const { status, n } of counts) if (status in totals) totals[status] += n;
  return totals;
}

/** Each article's comment counts per status, in the articles' order (counts for unknown articles left out). */
export function articleCounts(articles: readonly Article[], counts: readonly CommentCount[]): { id: string; counts: Record<CommentStatus, number> }[] {
  const byId = new Map(articles.map((a) => [a.id, { pending: 0, approved: 0, rejected: 0 }]));
  for (const { articleId, status, n } of counts) {
    const tally = byId.get(articleId);
    if (tally && status in tally) tally[status] += n;
  }
  return [...byId].map(([id, c]) => ({ id, counts: c }));
}

export function summarizeArticles(articles: readonly Article[], counts: readonly CommentCount[], policy: Policy, now: Date): ArticleSummary[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return articleCounts(articles, counts).map(({ id, counts: c }) => {
    const a = byId.get(id)!;
    return { id, title: a.title, counts: c, closed: isClosed(a, policy, now) };
  });
}

/** Closed by a moderator, or past the desk's auto-close age (unless a moderator opened it again). */
export function isClosed(article: Article, policy: Policy, now: Date): boolean {
  if (article.closed !== undefined) return article.closed;
  const days = policy['auto-close-days'];
  return days > 0 && now.getTime() - Date.parse(article.createdAt) > days * 86_400_000;
}

/** Closes or opens an article for comments; an explicit open also overrides auto-close. Returns whether anything changed. */
/** Lets readers see an unpublished (imported, not public at its source) article's comments. */
export function publishArticle(data: StoreData, id: string): { article: Article; changed: boolean } {
  const article = selectArticle(data, id);
  if (!article.unpublished) return { article, changed: false };
  delete article.unpublished;
  return { article, changed: true };
}

export function setArticleClosed(data: StoreData, id: string, closed: boolean): { article: Article; changed: boolean } {
  const article = selectArticle(data, id);
  if (article.closed === closed) return { article, changed: false };
  article.closed = closed;
  return { article, changed: true };
}

// The operations on articles: none reads a comment.

export const addArticleOp: Operation<{ parsed: ParsedArticle; id?: string }, Article> = {
  needs: () => NO_COMMENTS,
  run: (data, { parsed, id }, now) => ({ result: addArticle(data, parsed, now, id), changed: true }),
};

export const publish: Operation<string, { article: Article; changed: boolean }> = {
  needs: () => NO_COMMENTS,
  run(data, id) {
    const result = publishArticle(data, id);
    return { result, changed: result.changed };
  },
};

export const setClosed: Operation<{ id: string; closed: boolean }, { article: Article; changed: boolean }> = {
  needs: () => NO_COMMENTS,
  run(data, { id, closed }) {
    const result = setArticleClosed(data, id, closed);
    return { result, changed: result.changed };
  },
};
