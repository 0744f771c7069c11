// `rfa moderate reopen <ids...>`: takes decisions back, as the review loop's
// undo does: the comments wait for a moderator again, with "reopened" in their
// history. All or nothing: an unknown id changes none.
import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { normalizeReason } from '../domain/comment.js';
import { idList } from '../domain/lookup.js';
import { reopen as reopenOp } from '../domain/moderation.js';

export async function reopen(ctx: Context, ids: number[], options: { reason?: string }): Promise<Output> {
  const by = ctx.moderator();
  const reason = normalizeReason(options.reason);
  const store = await ctx.openStore();
  const edits = await store.run(reopenOp, { ids, by, reason }, ctx.now);
  if (ctx.json) return jsonOut(edits.map((e) => e.comment));
  const changed = edits.filter((e) => e.changed).map((e) => e.comment.id);
  const unchanged = edits.filter((e) => !e.changed).map((e) => e.comment.id);
  const lines: string[] = [];
  if (changed.length) lines.push(`Reopened ${idList(changed)}: pending again.`);
  if (unchanged.length) lines.push(`Already pending (or purged): ${idList(unchanged)} (unchanged).`);
  return { stdout: `${lines.join('\n')}\n` };
}
