import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { commentDetail } from '../domain/lookup.js';
import { renderCommentDetail } from '../render/comment-detail.js';

export async function showComment(ctx: Context, id: number): Promise<Output> {
  const store = await ctx.openStore();
  // A reply is read with what it answers: its parent's author and first words.
  const { comment, article, parent } = await store.ask(commentDetail, id);
  if (ctx.json) return jsonOut(comment);
  return { stdout: renderCommentDetail(comment, article, ctx.width(), ctx.style, ctx.now, parent, ctx.stdoutIsTTY) };
}
