// The shape of a store's data (the domain owns it; every backend stores it), and the cheap check that a parsed file is one.
// The check looks at the version and the top-level fields only: walking every
// record on each start would cost more than the command itself on a big store.
import type { Article } from './article.js';
import type { Comment } from './comment.js';
import type { Settings } from './settings.js';

export const STORE_VERSION = 1;

export interface StoreData {
  version: number;
  nextCommentId: number;
  articles: Article[];
  comments: Comment[];
  /** House rules and reason messages; absent until a desk changes one (defaults apply). */
  settings?: Settings;
  /** The web server's signing key (form tokens, sender hashes); made by the first `rfa serve`, never exported. */
  secret?: string;
}

export const emptyStoreData = (): StoreData => ({
  version: STORE_VERSION,
  nextCommentId: 1,
  articles: [],
  comments: [],
});

/** Returns what is wrong with a parsed file, or null when it is a store this program can use. */
export function storeShapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an rfa store (expected a JSON object)';
  const data = value as Record<string, unknown>;
  if (!('version' in data)) return 'not an rfa store (no "version" field)';
  if (!Number.isInteger(data.version) || (data.version as number) < 1) return `not an rfa store (bad "version": ${JSON.stringify(data.version)})`;
  if ((data.version as number) > STORE_VERSION) {
    return `store version ${data.version} is newer than this rfa understands (${STORE_VERSION}); upgrade rfa`;
  }
  if (!Array.isArray(data.articles)) return 'not an rfa store ("articles" is not a list)';
  if (!Array.isArray(data.comments)) return 'not an rfa store ("comments" is not a list)';
  if (!Number.isInteger(data.nextCommentId) || (data.nextCommentId as number) < 1) {
    return 'not an rfa store ("nextCommentId" is not a positive integer)';
  }
  return null;
}
