import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { conflict, storeError } from '../errors.js';
import { counted } from '../render/plural.js';
import { everything } from '../domain/export-doc.js';

/**
 * Copies everything (articles, comments with history, settings, the next id)
 * from the current store to another, of either kind, keeping ids, and checks
 * the copy. The target must be new or empty: a copy never merges.
 */
export async function copyStore(ctx: Context, to: string): Promise<Output> {
  const source = await ctx.openStore();
  const target = ctx.storeAt(to);
  const data = await source.ask(everything, undefined);
  if (await target.present()) {
    const existing = await target.ask(everything, undefined);
    if (existing.articles.length || existing.comments.length) {
      throw conflict(`the target ${target.location} is not empty (${counted(existing.articles.length, 'article')}, ${counted(existing.comments.length, 'comment')}); nothing was copied`, undefined, 'ALREADY_EXISTS');
    }
    await target.replaceAll(data);
  } else {
    await target.create(data);
  }
  const copy = await target.ask(everything, undefined);
  const same =
    copy.articles.length === data.articles.length &&
    copy.comments.length === data.comments.length &&
    copy.nextCommentId === data.nextCommentId &&
    copy.comments.every((c, i) => c.id === data.comments[i].id);
  if (!same) throw storeError(`the copy in ${target.location} does not match: ${copy.articles.length}/${data.articles.length} articles, ${copy.comments.length}/${data.comments.length} comments`);
  const counts = { articles: copy.articles.length, comments: copy.comments.length };
  if (ctx.json) return jsonOut({ from: source.location, to: target.location, ...counts });
  return { stdout: `Copied ${counted(counts.articles, 'article')} and ${counted(counts.comments, 'comment')} from ${source.location} to ${target.location}; counts and ids checked.\n` };
}
