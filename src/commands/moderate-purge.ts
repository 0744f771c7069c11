import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { idList, namedComments } from '../domain/lookup.js';
import { purge as purgeOp } from '../domain/moderation.js';
import { usageError } from '../errors.js';
import { confirm } from '../io/confirm.js';

export interface PurgeOptions {
  reason: string;
  yes?: boolean;
}

export async function purge(ctx: Context, ids: number[], options: PurgeOptions): Promise<Output> {
  const by = ctx.moderator();
  const store = await ctx.openStore();
  const found = await store.ask(namedComments, ids); // unknown ids: exit 3 before asking anything
  // Nothing left to erase: no question, and no backup claiming to hold purged text.
  if (found.every((c) => c.purged)) return ctx.json ? jsonOut(found) : { stdout: 'Already purged (unchanged).\n' };
  if (!options.yes) {
    if (!ctx.stdinIsTTY) throw usageError('purge erases text and personal data for good; confirm with --yes when not at a terminal');
    if (!(await confirm(ctx, `Purge ${idList(ids)} for good? Text, name and e-mail cannot be recovered. [y/N] `))) {
      return { stderr: 'Nothing was purged.\n' };
    }
  }
  // A copy of the store as it was, for a purge made by mistake; it still holds what is purged.
  const backup = await store.backup(store.backupDir, { before: 'purge' }, ctx.now);
  const decision = await store.run(purgeOp, { ids, by, reason: options.reason }, ctx.now);
  if (ctx.json) return jsonOut(decision.comments);
  const done = idList(decision.changedIds);
  return {
    stdout: done ? `Purged ${done}; a tombstone stays in the log.\n` : 'Already purged (unchanged).\n',
    stderr: `The store as it was is in ${backup.file}: it still holds the purged text; delete it when the request requires.\n`,
  };
}
