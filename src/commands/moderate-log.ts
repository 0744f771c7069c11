import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { log, sinceOption } from '../domain/record.js';
import { renderLog } from '../render/record.js';

export interface LogOptions {
  since?: string;
  by?: string;
  article?: string;
  limit?: number;
}

export async function showLog(ctx: Context, options: LogOptions): Promise<Output> {
  const since = sinceOption(options.since, ctx.now);
  // With --since, a database loads only the comments changed since then.
  const store = await ctx.openStore();
  const entries = await store.ask(log, { since, by: options.by, articleId: options.article, limit: options.limit });
  if (ctx.json) return jsonOut(entries);
  if (!entries.length) return { stderr: 'No moderation actions match.\n' };
  return { stdout: renderLog(entries, ctx.width(), ctx.style, ctx.stdoutIsTTY) };
}
