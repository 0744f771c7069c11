// Selecting comments for the moderation queue: filters, oldest first.
import type { StoreData } from '../store/schema.js';
import type { Comment, CommentStatus } from './comment.js';

export interface QueueFilter {
  status: CommentStatus | 'all';
  articleId?: string;
  /** The whole name, ignoring case. */
  author?: string;
  limit?: number;
}

export function queryComments(data: StoreData, filter: QueueFilter): Comment[] {
  const author = filter.author?.normalize('NFC').trim().toLowerCase();
  const limit = filter.limit ?? Infinity;
  const out: Comment[] = [];
  // The list is in id order, which is arrival order: the oldest first, as a queue should be.
  for (const c of data.comments) {
    if (out.length >= limit) break;
    if (filter.status !== 'all' && c.status !== filter.status) continue;
    if (filter.articleId !== undefined && c.articleId !== filter.articleId) continue;
    if (author !== undefined && c.author.toLowerCase() !== author) continue;
    out.push(c);
  }
  return out;
}
