import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { namedComments } from '../domain/lookup.js';
import { edit as editOp } from '../domain/moderation.js';
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
    const [current] = await store.ask(namedComments, [id]);
    expectedBody = current.body;
    const { editInEditor } = await import('../io/editor.js'); // child_process only when an editor is needed
    body = editInEditor(current.body, ctx.env);
  }
  const edit = await store.run(editOp, { id, body, by, reason: options.reason, expectedBody }, ctx.now);
  if (ctx.json) return jsonOut(edit.comment);
  return { stdout: edit.changed ? `Edited #${id}.\n` : `#${id} already has that text (unchanged).\n` };
}
