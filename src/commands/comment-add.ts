import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import type { Comment } from '../domain/comment.js';
import { submit } from '../domain/submission.js';
import { safeLine } from '../render/safe-text.js';
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
  const comment = await store.run(submit, { author: options.author, email: options.email, body, articleId: options.article, replyTo: options.replyTo }, ctx.now);
  if (ctx.json) return jsonOut(comment);
  return { stdout: describeArrival(comment) };
}

/** What happened to a new comment, including any house rule that decided or flagged it. */
function describeArrival(comment: Comment): string {
  const decision = comment.history.find((h) => h.by === 'policy');
  const rule = decision?.rule ? safeLine(decision.rule) : '';
  if (comment.status === 'rejected') return `Comment #${comment.id} was rejected by the house rules (${rule}; code ${decision?.code}).\n`;
  if (comment.status === 'approved') return `Comment #${comment.id} was approved at once (${rule}).\n`;
  const flags = (comment.flags ?? []).map((f) => `${f.rule}: ${f.matches.map((m) => `"${safeLine(m)}"`).join(', ')}`);
  const note = flags.length ? ` Flagged for the moderator: ${flags.join('; ')}.` : '';
  return `Comment #${comment.id} received; it will appear after a moderator approves it.${note}\n`;
}
