import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { findComments } from '../domain/lookup.js';
import { editComment } from '../domain/moderation.js';
import { conflict } from '../errors.js';
import { textFromArgOrStdin } from './text-input.js';

export interface EditOptions {
  reason?: string;
}

export async function editCommentCommand(ctx: Context, id: number, text: string | undefined, options: EditOptions): Promise<Output> {
  const by = ctx.moderator();
  const store = await ctx.openStore();
  let body = await textFromArgOrStdin(ctx, text);
  let expectedBody: string | undefined;
  if (body === undefined) {
    // With a terminal and no text: open the editor on the current body, like `git commit`.
    const [current] = findComments(await store.read({ comments: 'ids', ids: [id] }), [id]);
    expectedBody = current.body;
    const { editInEditor } = await import('../io/editor.js'); // child_process only when an editor is needed
    body = editInEditor(current.body, ctx.env);
  }
  const newBody = body;
  const edit = await store.update((data) => {
    const [current] = findComments(data, [id]);
    if (expectedBody !== undefined && current.body !== expectedBody) {
      throw conflict(`comment #${id} was changed by someone else while you were editing; nothing was changed`, 'run the edit again', 'CHANGED_MEANWHILE');
    }
    const result = editComment(data, id, newBody, by, ctx.now, options.reason);
    return { result, changed: result.changed };
  }, { comments: 'ids', ids: [id] });
  if (ctx.json) return jsonOut(edit.comment);
  return { stdout: edit.changed ? `Edited #${id}.\n` : `#${id} already has that text (unchanged).\n` };
}
