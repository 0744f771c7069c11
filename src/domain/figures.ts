// The desk's figures (rfa stats): what each comment adds to them, and how they
// sum up. A file store sums them over its comments when asked; a database
// keeps the sums as it writes (each write adds what its comments add now, less
// what they added before), so that asking costs the same at any size. Both
// take what a comment adds from commentFigures, here.
import type { Article } from './article.js';
import { articleCounts, countByArticle, totalsByStatus, type CommentCount } from './catalog.js';
import type { Comment, CommentStatus } from './comment.js';
import type { StoreData } from './store-data.js';

export const DECISION_ACTIONS = ['approved', 'rejected', 'edited', 'purged'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** What one comment adds: its wait from submission to its first approval or rejection, and each moderator's decisions on it. */
export interface CommentFigures {
  waitSeconds: number | null;
  decisions: { by: string; action: DecisionAction }[];
}

const isDecision = (action: string): action is DecisionAction => (DECISION_ACTIONS as readonly string[]).includes(action);

export function commentFigures(c: Comment): CommentFigures {
  const first = c.history.find((h) => h.action === 'approved' || h.action === 'rejected');
  return {
    waitSeconds: first ? (Date.parse(first.at) - Date.parse(c.createdAt)) / 1000 : null,
    decisions: c.history.flatMap((h) => (isDecision(h.action) ? [{ by: h.by, action: h.action }] : [])),
  };
}

/** The store's figures, summed. */
export interface StoreFigures {
  articles: Article[];
  counts: CommentCount[];
  /** The pending comment submitted first (the lowest id among equals). */
  oldestPending: { id: number; createdAt: string } | null;
  /** The middle one or two of every decided comment's wait, in order: their mean is the median. */
  middleWaits: number[];
  decisions: { by: string; action: DecisionAction; n: number }[];
}

/** The middle one or two of some numbers, in order. */
export function middleOf(xs: readonly number[]): number[] {
  if (!xs.length) return [];
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? [s[s.length >> 1]] : [s[s.length / 2 - 1], s[s.length / 2]];
}

/** The figures of a store in memory: each comment's, summed. */
export function figuresOf(data: StoreData): StoreFigures {
  let oldest: StoreFigures['oldestPending'] = null;
  const waits: number[] = [];
  const decisions = new Map<string, { by: string; action: DecisionAction; n: number }>();
  for (const c of data.comments) {
    if (c.status === 'pending' && (oldest === null || c.createdAt < oldest.createdAt)) oldest = { id: c.id, createdAt: c.createdAt };
    const f = commentFigures(c);
    if (f.waitSeconds !== null) waits.push(f.waitSeconds);
    for (const { by, action } of f.decisions) {
      const key = JSON.stringify([by, action]);
      (decisions.get(key) ?? decisions.set(key, { by, action, n: 0 }).get(key)!).n++;
    }
  }
  return { articles: data.articles, counts: countByArticle(data.comments), oldestPending: oldest, middleWaits: middleOf(waits), decisions: [...decisions.values()] };
}

export interface Stats {
  counts: Record<CommentStatus, number>;
  articles: { id: string; counts: Record<CommentStatus, number> }[];
  oldestPending: { id: number; createdAt: string; waitingSeconds: number } | null;
  /** From submission to the first approval or rejection, over every decided comment. */
  medianWaitSeconds: number | null;
  /** Per moderator, in order of their names. */
  decisionsBy: Record<string, Record<DecisionAction, number>>;
}

export function statsFrom(f: StoreFigures, now: Date): Stats {
  const decisionsBy: Stats['decisionsBy'] = {};
  const byName = [...f.decisions].sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0));
  for (const { by, action, n } of byName) (decisionsBy[by] ??= { approved: 0, rejected: 0, edited: 0, purged: 0 })[action] += n;
  const o = f.oldestPending;
  return {
    counts: totalsByStatus(f.counts),
    articles: articleCounts(f.articles, f.counts),
    oldestPending: o && { id: o.id, createdAt: o.createdAt, waitingSeconds: Math.round((now.getTime() - Date.parse(o.createdAt)) / 1000) },
    medianWaitSeconds: f.middleWaits.length ? f.middleWaits.reduce((a, b) => a + b) / f.middleWaits.length : null,
    decisionsBy,
  };
}
