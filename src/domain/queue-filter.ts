// Which comments a queue filter matches: the filters, oldest first by default.
import type { StoreData } from './store-data.js';
import type { Comment, CommentStatus } from './comment.js';

export interface QueueFilter {
  status: CommentStatus | 'all';
  articleId?: string;
  /** The whole name, ignoring case. */
  author?: string;
  /** Words in the text or the author's name, ignoring case. */
  search?: string;
  /** Submitted at or after this time. */
  since?: Date;
  /** Only comments a house rule flagged. */
  flagged?: boolean;
  sort?: 'oldest' | 'newest';
  /** Skip this many matches first (paging: --offset 20 --limit 20 is the second page). */
  offset?: number;
  limit?: number;
}

export function queryComments(data: StoreData, filter: QueueFilter): Comment[] {
  const author = filter.author?.normalize('NFC').trim().toLowerCase();
  const search = filter.search?.normalize('NFKC').trim().toLowerCase();
  const since = filter.since?.toISOString();
  const limit = filter.limit ?? Infinity;
  const matches = (c: Comment) =>
    (filter.status === 'all' || c.status === filter.status) &&
    (filter.articleId === undefined || c.articleId === filter.articleId) &&
    (author === undefined || c.author.toLowerCase() === author) &&
    (since === undefined || c.createdAt >= since) &&
    (!filter.flagged || (c.flags?.length ?? 0) > 0) &&
    (!search || c.body.normalize('NFKC').toLowerCase().includes(search) || c.author.normalize('NFKC').toLowerCase().includes(search));

  // The list is in id order, which is arrival order.
  const out: Comment[] = [];
  const newest = filter.sort === 'newest';
  const n = data.comments.length;
  let skip = filter.offset ?? 0;
  for (let i = 0; i < n && out.length < limit; i++) {
    const c = data.comments[newest ? n - 1 - i : i];
    if (!matches(c)) continue;
    if (skip > 0) skip--;
    else out.push(c);
  }
  return out;
}
