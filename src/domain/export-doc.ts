// rfa's own export document: everything in a store (articles, comments with
// full history, settings), versioned, and restorable without loss. It carries
// no time of its own, so exporting the same data twice gives the same bytes.
import type { Article } from './article.js';
import { selectArticle } from './catalog.js';
import type { Comment, CommentStatus } from './comment.js';
import { ALL } from './needs.js';
import type { Query } from './operation.js';
import type { Settings } from './settings.js';
import type { StoreData } from './store-data.js';

export const EXPORT_FORMAT = 'rfa-export';
export const EXPORT_VERSION = 1;

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  version: number;
  storeVersion: number;
  nextCommentId: number;
  articles: Article[];
  comments: Comment[];
  settings: Settings | null;
}

export function toExport(data: StoreData, articles: Article[], comments: Comment[]): ExportDoc {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    storeVersion: data.version,
    nextCommentId: data.nextCommentId,
    articles,
    comments,
    settings: data.settings ?? null,
  };
}

export interface ExportInput {
  articleId?: string;
  status: CommentStatus | 'all';
}

/**
 * What an export holds, decided from everything but the comments: the
 * document (its comments still to come) and which comments go in. An export
 * of a big store is made a batch of comments at a time with this.
 */
export function exportPlan(data: StoreData, { articleId, status }: ExportInput): { doc: ExportDoc; keep: (c: Comment) => boolean } {
  const id = articleId === undefined ? undefined : selectArticle(data, articleId).id;
  const keep = (c: Comment) => (status === 'all' || c.status === status) && (id === undefined || c.articleId === id);
  return { doc: toExport(data, id === undefined ? data.articles : data.articles.filter((a) => a.id === id), []), keep };
}

/** The whole store as it is (a copy to another store, a check of every record). */
export const everything: Query<void, StoreData> = { needs: () => ALL, answer: (data) => data };
