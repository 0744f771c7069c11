// A yes/no question at the terminal (only ever asked when stdin is one).
import type { Context } from '../context.js';

export async function confirm(ctx: Context, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  ctx.notice(question);
  // The terminal echoes what is typed; the question went to stderr above, so the answer has no output of its own.
  const rl = createInterface({ input: ctx.stdin() });
  try {
    const answer = await rl.question('');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
