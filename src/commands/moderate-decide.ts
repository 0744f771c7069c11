import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { idList } from '../domain/lookup.js';
import { decide as decideOp } from '../domain/moderation.js';
import type { ReasonCode } from '../domain/reasons.js';

export interface DecideOptions {
  reason?: string;
  code?: ReasonCode;
}

const PAST = { approved: 'Approved', rejected: 'Rejected' } as const;

export async function decide(ctx: Context, status: 'approved' | 'rejected', ids: number[], options: DecideOptions): Promise<Output> {
  const by = ctx.moderator();
  const store = await ctx.openStore();
  const decision = await store.run(decideOp, { ids, status, by, note: { reason: options.reason, code: options.code } }, ctx.now);
  if (ctx.json) return jsonOut(decision.comments);
  const changed = decision.changedIds;
  const changedSet = new Set(changed);
  const unchanged = decision.comments.filter((c) => !changedSet.has(c.id)).map((c) => c.id);
  const lines: string[] = [];
  if (changed.length) lines.push(`${PAST[status]} ${idList(changed)}.`);
  if (unchanged.length) lines.push(`Already ${status}: ${idList(unchanged)} (unchanged).`);
  return { stdout: `${lines.join('\n')}\n` };
}
