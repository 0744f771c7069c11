import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { stats as statsQuery } from '../domain/record.js';
import { renderStats } from '../render/record.js';

export async function showStats(ctx: Context): Promise<Output> {
  const stats = await (await ctx.openStore()).ask(statsQuery, ctx.now);
  return ctx.json ? jsonOut(stats) : { stdout: renderStats(stats, ctx.style, ctx.width()) };
}
