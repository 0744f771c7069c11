// `rfa moderate review`: the pending queue, one comment a screen, one key a
// decision. Every decision is its own locked transaction, written at once, so
// quitting or a crash loses nothing; a comment decided by another process in
// the meantime is skipped with a note. A session can last an hour: each
// decision is stamped with its own time, not the command's start.
import type { Context, Output } from '../context.js';
import { decidePending, edit, reopen } from '../domain/moderation.js';
import { queue } from '../domain/queue.js';
import { REASON_CODES, type ReasonCode } from '../domain/reasons.js';
import { recordOf } from '../domain/record.js';
import { usageError } from '../errors.js';
import { KeyReader } from '../io/keys.js';
import { renderReasonMenu, renderReviewHelp, renderReviewScreen } from '../render/review-screen.js';
import { counted } from '../render/plural.js';

export interface ReviewOptions {
  article?: string;
}

interface Tally {
  approved: number;
  rejected: number;
  edited: number;
  skipped: number;
}

export async function review(ctx: Context, options: ReviewOptions): Promise<Output> {
  if (!ctx.stdinIsTTY || !ctx.stdoutIsTTY) {
    throw usageError('moderate review needs a terminal', "in scripts use 'rfa moderate approve <ids>' and 'rfa moderate reject <ids>'");
  }
  const by = ctx.moderator();
  const store = await ctx.openStore();
  const filter = { status: 'pending' as const, articleId: options.article };
  await store.ask(queue, { ...filter, limit: 0 }); // an unknown --article: not found before the terminal is taken over
  const keys = new KeyReader(ctx.stdin());
  const tally: Tally = { approved: 0, rejected: 0, edited: 0, skipped: 0 };
  const done = new Set<number>(); // decided or skipped in this session
  const undo: { id: number; action: 'approved' | 'rejected' }[] = [];
  let notes: string[] = [];
  let reachedEnd = false; // the queue ran out (rather than the moderator quitting)
  let left = 0; // comments in the queue when the last one was shown
  let interrupted = false;
  const show = ctx.screen;

  keys.start();
  try {
    for (;;) {
      const { comments, articles } = await store.ask(queue, filter);
      const waiting = comments.filter((c) => !done.has(c.id));
      const comment = waiting[0];
      if (!comment) {
        reachedEnd = true;
        break;
      }
      left = waiting.length;
      const { record, parent } = await store.ask(recordOf, comment);
      show(
        renderReviewScreen({
          comment,
          article: articles.find((a) => a.id === comment.articleId),
          record,
          parent,
          position: done.size + 1,
          remaining: done.size + waiting.length,
          notes,
          width: ctx.width(),
          style: ctx.style,
          now: ctx.clock(),
        }),
      );
      notes = [];
      // Caps Lock on is no reason to refuse a key.
      const raw = await keys.next();
      const key = raw.length === 1 ? raw.toLowerCase() : raw;
      if (key === '\u0003') interrupted = true;
      if (key === 'q' || key === '\u0003' || key === '\u0004') break;
      if (key === '?') {
        show(renderReviewHelp(ctx.style));
        await keys.next();
      } else if (key === 'a' || key === 'r') {
        let code: ReasonCode | undefined;
        if (key === 'r') {
          show(renderReasonMenu(ctx.style, ctx.width()));
          const pick = await keys.next();
          code = REASON_CODES[Number(pick) - 1];
          if (code === undefined) {
            notes.push('Rejection cancelled.');
            continue;
          }
        }
        const status = key === 'a' ? 'approved' : 'rejected';
        // Its own transaction, stamped with its own time; false when someone else decided the comment first.
        if (await store.run(decidePending, { id: comment.id, status, by, code }, ctx.clock())) {
          tally[status]++;
          undo.push({ id: comment.id, action: status });
          notes.push(`#${comment.id} ${status}${code ? ` (${code})` : ''}.`);
        } else {
          notes.push(`#${comment.id} was decided by someone else meanwhile; skipped.`);
        }
        done.add(comment.id);
      } else if (key === 's') {
        tally.skipped++;
        done.add(comment.id);
      } else if (key === 'u') {
        const last = undo.pop();
        if (!last) {
          notes.push('Nothing to undo.');
          continue;
        }
        const [{ changed }] = await store.run(reopen, { ids: [last.id], by, reason: `undo of ${last.action}` }, ctx.clock());
        if (changed) {
          tally[last.action]--;
          done.delete(last.id);
          notes.push(`#${last.id} is back in the queue.`);
        }
      } else if (key === 'e') {
        keys.stop();
        try {
          const { editInEditor } = await import('../io/editor.js');
          const text = editInEditor(comment.body, ctx.env);
          const { changed } = await store.run(edit, { id: comment.id, body: text, by }, ctx.clock());
          if (changed) tally.edited++;
          notes.push(changed ? `#${comment.id} edited.` : 'Text unchanged.');
        } catch (err) {
          notes.push(`Not edited: ${(err as Error).message}`);
        } finally {
          keys.start();
        }
      } else {
        notes.push(key.length === 1 && key > ' ' ? `'${key}' is not a key here; press ? for help.` : 'That key does nothing here; press ? for help.');
      }
    }
  } finally {
    keys.stop();
  }
  const summary = `Reviewed: ${tally.approved} approved, ${tally.rejected} rejected, ${tally.edited} edited, ${tally.skipped} skipped.`;
  const after = reachedEnd ? (done.size === 0 && tally.edited === 0 ? ' The queue is empty.' : ' The queue is done.') : ` ${counted(left, 'comment')} still waiting.`;
  // The screen is cleared here, not in the result: results are escaped on their way to a person.
  show('\u001b[2J\u001b[H');
  // Ctrl-C ends the session as an interrupt does (128 + SIGINT), after saying what was done.
  return { stdout: `${summary}${after}\n`, exitCode: interrupted ? 130 : undefined };
}
