import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { addComment } from '../domain/submission.js';
import { noTextError, textFromArgOrStdin } from './text-input.js';

export interface AddOptions {
  author: string;
  email?: string;
  replyTo?: number;
  article?: string;
}

export async function addCommentCommand(ctx: Context, text: string | undefined, options: AddOptions): Promise<Output> {
  const body = await textFromArgOrStdin(ctx, text);
  if (body === undefined) throw noTextError(`echo 'Well reported.' | rfa comment add --author 'Jane Doe'`);
  const store = await ctx.openStore();
  const comment = await store.update((data) => ({
    result: addComment(data, { ...options, articleId: options.article, body }, ctx.now),
    changed: true,
  }));
  if (ctx.json) return jsonOut(comment);
  return { stdout: `Comment #${comment.id} received; it will appear after a moderator approves it.\n` };
}
