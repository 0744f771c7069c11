// The record of moderation: every decision across comments, and the figures a
// desk lead asks for. Pure functions of the data and `now`.
import { usageError } from '../errors.js';
import type { StoreData } from './store-data.js';
import { articleCounts, countByArticle, mustKnowArticle, totalsByStatus } from './catalog.js';
import { findComment } from './lookup.js';
import { ALL } from './needs.js';
import type { Query } from './operation.js';
import { sameAuthor, type Comment, type CommentStatus, type HistoryAction } from './comment.js';

export interface LogEntry {
  at: string;
  action: HistoryAction;
  commentId: number;
  articleId: string;
  by: string;
  code?: string;
  reason?: string;
  rule?: string;
}

export interface LogFilter {
  since?: Date;
  by?: string;
  articleId?: string;
  limit?: number;
}

/** Every moderation action (everything but the submission itself), newest first. */
export function moderationLog(data: StoreData, filter: LogFilter = {}): LogEntry[] {
  const by = filter.by?.toLowerCase();
  const since = filter.since?.getTime();
  const entries: LogEntry[] = [];
  for (const c of data.comments) {
    if (filter.articleId !== undefined && c.articleId !== filter.articleId) continue;
    for (const h of c.history) {
      if (h.action === 'submitted') continue;
      if (by !== undefined && h.by.toLowerCase() !== by) continue;
      if (since !== undefined && Date.parse(h.at) < since) continue;
      const entry: LogEntry = { at: h.at, action: h.action, commentId: c.id, articleId: c.articleId, by: h.by };
      if (h.code !== undefined) entry.code = h.code;
      if (h.reason !== undefined) entry.reason = h.reason;
      if (h.rule !== undefined) entry.rule = h.rule;
      entries.push(entry);
    }
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.commentId - a.commentId));
  return filter.limit !== undefined ? entries.slice(0, filter.limit) : entries;
}

export interface Stats {
  counts: Record<CommentStatus, number>;
  articles: { id: string; counts: Record<CommentStatus, number> }[];
  oldestPending: { id: number; createdAt: string; waitingSeconds: number } | null;
  /** From submission to the first approval or rejection, over every decided comment. */
  medianWaitSeconds: number | null;
  decisionsBy: Record<string, { approved: number; rejected: number; edited: number; purged: number }>;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function computeStats(data: StoreData, now: Date): Stats {
  const tally = countByArticle(data.comments);
  const counts = totalsByStatus(tally);
  const waits: number[] = [];
  const decisionsBy: Stats['decisionsBy'] = {};
  let oldest: Stats['oldestPending'] = null;
  for (const c of data.comments) {
    if (c.status === 'pending' && (oldest === null || c.createdAt < oldest.createdAt)) {
      oldest = { id: c.id, createdAt: c.createdAt, waitingSeconds: Math.round((now.getTime() - Date.parse(c.createdAt)) / 1000) };
    }
    const first = c.history.find((h) => h.action === 'approved' || h.action === 'rejected');
    if (first) waits.push((Date.parse(first.at) - Date.parse(c.createdAt)) / 1000);
    for (const h of c.history) {
      if (h.action === 'approved' || h.action === 'rejected' || h.action === 'edited' || h.action === 'purged') {
        (decisionsBy[h.by] ??= { approved: 0, rejected: 0, edited: 0, purged: 0 })[h.action]++;
      }
    }
  }
  return {
    counts,
    articles: articleCounts(data.articles, tally),
    oldestPending: oldest,
    medianWaitSeconds: median(waits),
    decisionsBy,
  };
}

/** A --since option's value as a time, or a usage error that says what is accepted. */
export function sinceOption(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const since = parseSince(value, now);
  if (!since) throw usageError(`--since '${value}' is neither a date (2026-11-01) nor a duration (90m, 12h, 7d, 2w)`);
  return since;
}

/** "2026-11-01", "2026-11-01T10:00Z", or a duration back from now: "90m", "12h", "7d", "2w". */
export function parseSince(value: string, now: Date): Date | undefined {
  const duration = /^(\d+)\s*(m|min|h|d|w)$/.exec(value.trim());
  if (duration) {
    const n = Number(duration[1]);
    const unit = { m: 60, min: 60, h: 3600, d: 86400, w: 604800 }[duration[2] as 'm' | 'min' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - n * unit * 1000);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return undefined;
}

export interface AuthorRecord {
  approved: number;
  rejected: number;
}

/** How an author's other comments were decided: what a moderator weighs a new one against. */
export function authorRecord(data: StoreData, comment: Comment): AuthorRecord {
  const record = { approved: 0, rejected: 0 };
  for (const c of data.comments) {
    if (c.id === comment.id || !sameAuthor(c, comment)) continue;
    if (c.status === 'approved') record.approved++;
    else if (c.status === 'rejected') record.rejected++;
  }
  return record;
}

/** The moderation log; with --since, only the comments changed since then are read. */
/** How far back the log looks first for its newest entries, before it reads everything. */
const LOG_WINDOWS_HOURS = [1, 24, 24 * 7, 24 * 30, 24 * 365];

export const log: Query<LogFilter & { now?: Date }, LogEntry[]> = {
  needs: (filter) => (filter.since ? { comments: 'changed', since: filter.since, articleId: filter.articleId } : ALL),
  answer(data, filter) {
    mustKnowArticle(data, filter.articleId);
    return moderationLog(data, filter);
  },
  // The newest `limit` entries: if the last hour (then day, week...) holds that many, they are
  // the newest of all, since every entry older than the window is older than each of them.
  attempts(filter) {
    const { limit, now } = filter;
    if (filter.since || limit === undefined || !now) return [];
    return LOG_WINDOWS_HOURS.map((hours) => {
      const since = new Date(now.getTime() - hours * 3_600_000);
      return { needs: { comments: 'changed', since, articleId: filter.articleId }, input: { ...filter, since }, enough: (entries: LogEntry[]) => entries.length >= limit };
    });
  },
};

export const stats: Query<Date, Stats> = {
  needs: () => ALL,
  answer: (data, now) => computeStats(data, now),
};

/**
 * What a moderator weighs a comment against: how its author fared before
 * (everything by the same name or e-mail), and the comment it replies to.
 */
export const recordOf: Query<Comment, { record: AuthorRecord; parent?: Comment }> = {
  needs: (comment) => ({ comments: 'author', author: comment.author, email: comment.email, parentId: comment.parentId ?? undefined }),
  answer: (data, comment) => ({ record: authorRecord(data, comment), parent: comment.parentId === null ? undefined : findComment(data, comment.parentId) }),
};
