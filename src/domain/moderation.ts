// A moderator's decisions. Any status may move to approved or rejected (people
// change their minds); repeating the current status changes nothing. Batches are
// all-or-nothing: every id is looked up before anything is touched.
import type { StoreData } from './store-data.js';
import { normalizeBody, normalizeReason, type Comment, type CommentStatus, type HistoryEntry } from './comment.js';
import { findComment, findComments } from './lookup.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import type { ReasonCode } from './reasons.js';
import type { Needs } from './needs.js';
import type { Operation } from './operation.js';

export interface Decision {
  /** Every comment named, after the change, in the order named (duplicates once). */
  comments: Comment[];
  /** The ids whose status actually changed. */
  changedIds: number[];
}

export interface DecisionNote {
  reason?: string;
  /** Rejections only: a reason code (spam, abuse, ...). */
  code?: ReasonCode;
}

/**
 * A rejected comment rejected again with another code or reason: the new one
 * is recorded (and is what the commenter is told), not dropped as "unchanged".
 */
function newRejectionNote(comment: Comment, status: string, code: string | undefined, reason: string | undefined): boolean {
  if (status !== 'rejected' || (code === undefined && reason === undefined)) return false;
  const last = comment.history.findLast((h) => h.action === 'rejected');
  return (code !== undefined && code !== last?.code) || (reason !== undefined && reason !== last?.reason);
}

export function decideComments(
  data: StoreData,
  ids: readonly number[],
  status: Exclude<CommentStatus, 'pending'>,
  by: string,
  now: Date,
  note: DecisionNote = {},
): Decision {
  const cleanReason = normalizeReason(note.reason);
  if (note.code !== undefined && status !== 'rejected') throw invalidInput('a reason code goes with a rejection');
  const comments = findComments(data, [...new Set(ids)]);
  const at = now.toISOString();
  const changedIds: number[] = [];
  const purged = status === 'approved' ? comments.find((c) => c.purged) : undefined;
  if (purged) throw conflict(`comment #${purged.id} was purged and cannot be approved; nothing was changed`, undefined, 'PURGED');
  for (const comment of comments) {
    if (comment.status === status && !newRejectionNote(comment, status, note.code, cleanReason)) continue;
    const entry: HistoryEntry = { action: status, at, by };
    if (note.code !== undefined) entry.code = note.code;
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
  if (comment.purged) throw conflict(`comment #${id} was purged; its text cannot be edited`, undefined, 'PURGED');
  if (comment.body === body) return { comment, changed: false };
  const at = now.toISOString();
  const entry: HistoryEntry = { action: 'edited', at, by, previousBody: comment.body };
  if (cleanReason !== undefined) entry.reason = cleanReason;
  comment.body = body;
  comment.updatedAt = at;
  comment.history.push(entry);
  return { comment, changed: true };
}

/**
 * Takes back a decision: the comment goes back to the queue, and the history
 * keeps both the decision and its reversal. Only a decided comment can reopen.
 */
export function reopenComment(data: StoreData, id: number, by: string, now: Date, reason?: string): Edit {
  const comment = findComment(data, id);
  if (!comment) throw notFound(`no comment #${id}`);
  if (comment.status === 'pending' || comment.purged) return { comment, changed: false };
  const at = now.toISOString();
  const entry: HistoryEntry = { action: 'reopened', at, by };
  if (reason !== undefined) entry.reason = reason;
  comment.status = 'pending';
  comment.updatedAt = at;
  comment.history.push(entry);
  return { comment, changed: true };
}

const PURGED = '[purged]';

/**
 * Erases a comment's text and personal data for good (a legal or personal-data
 * request): body, author, e-mail, earlier texts and the author's name in the
 * history. What stays is a tombstone: the id, its article, and who purged it,
 * when and why. The comment is rejected, so it can never be shown again.
 */
export function purgeComments(data: StoreData, ids: readonly number[], by: string, now: Date, reason: string): Decision {
  const cleanReason = normalizeReason(reason);
  if (cleanReason === undefined) throw invalidInput('a purge needs --reason');
  const comments = findComments(data, [...new Set(ids)]);
  const at = now.toISOString();
  const changedIds: number[] = [];
  for (const comment of comments) {
    if (comment.purged) continue;
    const author = comment.author;
    comment.body = '';
    comment.author = PURGED;
    comment.email = null;
    delete comment.flags;
    delete comment.sender;
    delete comment.sameSenderAs;
    comment.history = comment.history.map((h) => {
      const kept: HistoryEntry = { ...h };
      delete kept.previousBody;
      if (kept.by === author) kept.by = PURGED;
      return kept;
    });
    comment.history.push({ action: 'purged', at, by, reason: cleanReason });
    comment.status = 'rejected';
    comment.purged = true;
    comment.updatedAt = at;
    changedIds.push(comment.id);
  }
  return { comments, changedIds };
}

// The moderator's operations, each on the comments it names.

const onIds = (ids: readonly number[]): Needs => ({ comments: 'ids', ids });

export interface DecideInput {
  ids: readonly number[];
  status: Exclude<CommentStatus, 'pending'>;
  by: string;
  note?: DecisionNote;
}

export const decide: Operation<DecideInput, Decision> = {
  needs: (input) => onIds(input.ids),
  run(data, input, now) {
    const result = decideComments(data, input.ids, input.status, input.by, now, input.note);
    return { result, changed: result.changedIds.length > 0 };
  },
};

/** The review loop's decision: only while the comment still waits; false (nothing changed) when someone else decided it first. */
export const decidePending: Operation<{ id: number; status: Exclude<CommentStatus, 'pending'>; by: string; code?: ReasonCode; reason?: string }, boolean> = {
  needs: (input) => onIds([input.id]),
  run(data, { id, status, by, code, reason }, now) {
    if (findComment(data, id)?.status !== 'pending') return { result: false, changed: false };
    decideComments(data, [id], status, by, now, { code, reason });
    return { result: true, changed: true };
  },
};

export interface EditInput {
  id: number;
  body: string;
  by: string;
  reason?: string;
  /** The text the moderator started from (in an editor): another text there now means someone changed it meanwhile. */
  expectedBody?: string;
}

export const edit: Operation<EditInput, Edit> = {
  needs: (input) => onIds([input.id]),
  run(data, { id, body, by, reason, expectedBody }, now) {
    const [current] = findComments(data, [id]);
    if (expectedBody !== undefined && current.body !== expectedBody) {
      throw conflict(`comment #${id} was changed by someone else while you were editing; nothing was changed`, 'run the edit again', 'CHANGED_MEANWHILE');
    }
    const result = editComment(data, id, body, by, now, reason);
    return { result, changed: result.changed };
  },
};

/** Takes decisions back; all or nothing: an unknown id changes none. */
export const reopen: Operation<{ ids: readonly number[]; by: string; reason?: string }, Edit[]> = {
  needs: (input) => onIds(input.ids),
  run(data, { ids, by, reason }, now) {
    const clean = normalizeReason(reason);
    const result = ids.map((id) => reopenComment(data, id, by, now, clean));
    return { result, changed: result.some((e) => e.changed) };
  },
};

export const purge: Operation<{ ids: readonly number[]; by: string; reason: string }, Decision> = {
  needs: (input) => onIds(input.ids),
  run(data, { ids, by, reason }, now) {
    const result = purgeComments(data, ids, by, now, reason);
    return { result, changed: result.changedIds.length > 0 };
  },
};
