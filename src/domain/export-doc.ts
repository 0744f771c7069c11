// rfa's own export document: everything in a store (articles, comments with
// full history, settings), versioned, and restorable without loss. It carries
// no time of its own, so exporting the same data twice gives the same bytes.
import type { Article } from './article.js';
import type { Comment } from './comment.js';
import type { Settings } from './policy.js';
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
