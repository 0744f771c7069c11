// Where comment text comes from: the argument, or standard input read to its end.
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { readAllStdin } from '../io/stdin.js';

/** The text given, or undefined when none was given and stdin is a terminal. */
export async function textFromArgOrStdin(ctx: Context, arg: string | undefined): Promise<string | undefined> {
  if (arg !== undefined && arg !== '-') return arg;
  if (arg === undefined && ctx.stdinIsTTY) return undefined;
  // "-" at a terminal: the person types the text; say how to end it rather than wait in silence.
  if (ctx.stdinIsTTY) ctx.notice('Type the comment, then press Ctrl-D on a line of its own to end it.\n');
  return readAllStdin(ctx.stdin());
}

export const noTextError = (example: string) =>
  usageError('no comment text given', `pass the text as an argument, or pipe it in: ${example}`);
