import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { findComment, findComments } from '../domain/lookup.js';
import { renderCommentDetail } from '../render/comment-detail.js';

export async function showComment(ctx: Context, id: number): Promise<Output> {
  const store = await ctx.openStore();
  const data = await store.read({ comments: 'ids', ids: [id] });
  const [comment] = findComments(data, [id]);
  if (ctx.json) return jsonOut(comment);
  const article = data.articles.find((a) => a.id === comment.articleId);
  // A reply is read with what it answers: its parent's author and first words.
  const parent = comment.parentId === null ? undefined : findComment(await store.read({ comments: 'ids', ids: [comment.parentId] }), comment.parentId);
  return { stdout: renderCommentDetail(comment, article, ctx.width(), ctx.style, ctx.now, parent, ctx.stdoutIsTTY) };
}
