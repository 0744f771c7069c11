// A moderator's decisions. Any status may move to approved or rejected (people
// change their minds); repeating the current status changes nothing. Batches are
// all-or-nothing: every id is looked up before anything is touched.
import type { StoreData } from '../store/schema.js';
import { normalizeBody, normalizeReason, type Comment, type CommentStatus, type HistoryEntry } from './comment.js';
import { findComment, findComments } from './lookup.js';
import { notFound } from '../errors.js';

export interface Decision {
  /** Every comment named, after the change, in the order named (duplicates once). */
  comments: Comment[];
  /** The ids whose status actually changed. */
  changedIds: number[];
}

export function decideComments(
  data: StoreData,
  ids: readonly number[],
  status: Exclude<CommentStatus, 'pending'>,
  by: string,
  now: Date,
  reason?: string,
): Decision {
  const cleanReason = normalizeReason(reason);
  const comments = findComments(data, [...new Set(ids)]);
  const at = now.toISOString();
  const changedIds: number[] = [];
  for (const comment of comments) {
    if (comment.status === status) continue;
    const entry: HistoryEntry = { action: status, at, by };
    if (cleanReason !== undefined) entry.reason = cleanReason;
    comment.status = status;
    comment.updatedAt = at;
    comment.history.push(entry);
    changedIds.push(comment.id);
  }
  return { comments, changedIds };
}

export interface Edit {
  comment: Comment;
  changed: boolean;
}

export function editComment(data: StoreData, id: number, newBody: string, by: string, now: Date, reason?: string): Edit {
  const body = normalizeBody(newBody);
  const cleanReason = normalizeReason(reason);
  const comment = findComment(data, id);
  if (!comment) throw notFound(`no comment #${id}`);
  if (comment.body === body) return { comment, changed: false };
  const at = now.toISOString();
  const entry: HistoryEntry = { action: 'edited', at, by, previousBody: comment.body };
  if (cleanReason !== undefined) entry.reason = cleanReason;
  comment.body = body;
  comment.updatedAt = at;
  comment.history.push(entry);
  return { comment, changed: true };
}
