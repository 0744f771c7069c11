import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { computeStats } from '../domain/record.js';
import { renderStats } from '../render/record.js';

export async function showStats(ctx: Context): Promise<Output> {
  const data = await (await ctx.openStore()).read();
  const stats = computeStats(data, ctx.now);
  return ctx.json ? jsonOut(stats) : { stdout: renderStats(stats, ctx.style, ctx.width()) };
}
