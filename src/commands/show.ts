import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { isClosed, selectArticle } from '../domain/catalog.js';
import { readSettings } from '../domain/policy.js';
import { publicComments } from '../domain/reader-view.js';
import { renderArticle } from '../render/article.js';

export interface ShowOptions {
  article?: string;
  width?: number;
  comments: boolean;
}

export async function showArticle(ctx: Context, options: ShowOptions): Promise<Output> {
  const data = await (await ctx.openStore()).read();
  const article = selectArticle(data, options.article);
  const comments = options.comments ? publicComments(data, article.id) : [];
  const closed = isClosed(article, readSettings(data).policy, ctx.now);
  if (ctx.json) return jsonOut({ article: { ...article, closed }, comments });
  return { stdout: renderArticle(article, comments, { width: ctx.width(options.width), style: ctx.style, showComments: options.comments, closed }) };
}
