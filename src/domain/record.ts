// The record of moderation: every decision across comments, and the figures a
// desk lead asks for. Pure functions of the data and `now`.
import { usageError } from '../errors.js';
import type { StoreData } from './store-data.js';
import { mustKnowArticle } from './catalog.js';
import { figuresOf, statsFrom, type Stats } from './figures.js';
import { findComment } from './lookup.js';
import { ALL } from './needs.js';
import type { Query } from './operation.js';
import { sameAuthor, type Comment, type HistoryAction } from './comment.js';

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

export type { Stats } from './figures.js';

/** The desk's figures, from the whole store in memory (a database keeps them summed: Store.figures). */
export const computeStats = (data: StoreData, now: Date): Stats => statsFrom(figuresOf(data), now);

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
/** How many of the most recently changed comments the log reads first, in multiples of the entries asked for, before it reads everything. */
const LOG_ATTEMPTS = [1, 8, 64];

export const log: Query<LogFilter & { sinceLoaded?: boolean }, LogEntry[]> = {
  needs: (filter) => (filter.since ? { comments: 'changed', since: filter.since, articleId: filter.articleId } : ALL),
  answer(data, filter) {
    mustKnowArticle(data, filter.articleId);
    // On the most recently changed comments: every entry at or after the oldest change among them is there.
    if (filter.sinceLoaded) {
      const oldest = data.comments.reduce<string | undefined>((min, c) => (min === undefined || c.updatedAt < min ? c.updatedAt : min), undefined);
      return moderationLog(data, { ...filter, since: oldest === undefined ? undefined : new Date(oldest) });
    }
    return moderationLog(data, filter);
  },
  // The newest `limit` entries are among the most recently changed comments: when those hold
  // that many entries at or after their oldest change, no comment left out has a newer one.
  attempts(filter) {
    const { limit } = filter;
    if (filter.since || limit === undefined || limit === 0) return [];
    return LOG_ATTEMPTS.map((times) => ({
      needs: { comments: 'recent', count: times * limit, articleId: filter.articleId },
      input: { ...filter, sinceLoaded: true },
      enough: (entries: LogEntry[]) => entries.length >= limit,
    }));
  },
};

/**
 * What a moderator weighs a comment against: how its author fared before
 * (everything by the same name or e-mail), and the comment it replies to.
 */
export const recordOf: Query<Comment, { record: AuthorRecord; parent?: Comment }> = {
  needs: (comment) => ({ comments: 'author', author: comment.author, email: comment.email, parentId: comment.parentId ?? undefined }),
  answer: (data, comment) => ({ record: authorRecord(data, comment), parent: comment.parentId === null ? undefined : findComment(data, comment.parentId) }),
};
