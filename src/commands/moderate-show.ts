import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { findComments } from '../domain/lookup.js';
import { renderCommentDetail } from '../render/comment-detail.js';

export async function showComment(ctx: Context, id: number): Promise<Output> {
  const data = await (await ctx.openStore()).read({ comments: 'ids', ids: [id] });
  const [comment] = findComments(data, [id]);
  if (ctx.json) return jsonOut(comment);
  const article = data.articles.find((a) => a.id === comment.articleId);
  return { stdout: renderCommentDetail(comment, article, ctx.width(), ctx.style, ctx.now) };
}
