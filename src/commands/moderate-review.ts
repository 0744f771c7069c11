// `rfa moderate review`: the pending queue, one comment a screen, one key a
// decision. Every decision is its own locked transaction, written at once, so
// quitting or a crash loses nothing; a comment decided by another process in
// the meantime is skipped with a note. A session can last an hour: each
// decision is stamped with its own time, not the command's start.
import type { Context, Output } from '../context.js';
import { findComment } from '../domain/lookup.js';
import { decideComments, editComment, reopenComment } from '../domain/moderation.js';
import { queryComments } from '../domain/queue.js';
import { REASON_CODES, type ReasonCode } from '../domain/reasons.js';
import { usageError } from '../errors.js';
import { KeyReader } from '../io/keys.js';
import { writeAll } from '../io/output.js';
import { authorRecord } from '../domain/record.js';
import { renderReasonMenu, renderReviewHelp, renderReviewScreen } from '../render/review-screen.js';
import { mustKnowArticle } from './known-article.js';
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
  await mustKnowArticle(store, options.article);
  const keys = new KeyReader();
  const tally: Tally = { approved: 0, rejected: 0, edited: 0, skipped: 0 };
  const done = new Set<number>(); // decided or skipped in this session
  const undo: { id: number; action: 'approved' | 'rejected' }[] = [];
  let notes: string[] = [];
  let reachedEnd = false; // the queue ran out (rather than the moderator quitting)
  let left = 0; // comments in the queue when the last one was shown
  let interrupted = false;
  const show = (text: string) => writeAll(1, text);

  /** One decision as its own transaction; false when someone else decided the comment first. */
  const decide = async (id: number, status: 'approved' | 'rejected', code?: ReasonCode) =>
    store.update(
      (data) => {
        const current = findComment(data, id);
        if (!current || current.status !== 'pending') return { result: false, changed: false };
        decideComments(data, [id], status, by, new Date(), { code });
        return { result: true, changed: true };
      },
      { comments: 'ids', ids: [id] },
    );

  keys.start();
  try {
    for (;;) {
      const filter = { status: 'pending' as const, articleId: options.article };
      const data = await store.read({ comments: 'query', filter });
      const queue = queryComments(data, filter).filter((c) => !done.has(c.id));
      const comment = queue[0];
      if (!comment) {
        reachedEnd = true;
        break;
      }
      left = queue.length;
      const neighbours = await store.read({ comments: 'author', author: comment.author, email: comment.email });
      show(
        renderReviewScreen({
          comment,
          article: data.articles.find((a) => a.id === comment.articleId),
          record: authorRecord(neighbours, comment),
          position: done.size + 1,
          remaining: done.size + queue.length,
          notes,
          width: ctx.width(),
          style: ctx.style,
          now: new Date(),
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
          show(renderReasonMenu(ctx.style));
          const pick = await keys.next();
          code = REASON_CODES[Number(pick) - 1];
          if (code === undefined) {
            notes.push('Rejection cancelled.');
            continue;
          }
        }
        const status = key === 'a' ? 'approved' : 'rejected';
        if (await decide(comment.id, status, code)) {
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
        const { changed } = await store.update(
          (d) => {
            const result = reopenComment(d, last.id, by, new Date(), `undo of ${last.action}`);
            return { result, changed: result.changed };
          },
          { comments: 'ids', ids: [last.id] },
        );
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
          const edit = await store.update(
            (d) => {
              const result = editComment(d, comment.id, text, by, new Date());
              return { result, changed: result.changed };
            },
            { comments: 'ids', ids: [comment.id] },
          );
          if (edit.changed) tally.edited++;
          notes.push(edit.changed ? `#${comment.id} edited.` : 'Text unchanged.');
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
