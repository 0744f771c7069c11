import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { statsFrom } from '../domain/figures.js';
import { renderStats } from '../render/record.js';

export async function showStats(ctx: Context): Promise<Output> {
  // The store's figures, summed: a database keeps them so as it writes.
  const stats = statsFrom(await (await ctx.openStore()).figures(), ctx.now);
  return ctx.json ? jsonOut(stats) : { stdout: renderStats(stats, ctx.style, ctx.width()) };
}
