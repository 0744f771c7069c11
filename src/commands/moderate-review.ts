// `rfa moderate review`: the pending queue, one comment a screen, one key a
// decision. Every decision is its own locked transaction, written at once, so
// quitting or a crash loses nothing; a comment decided by another process in
// the meantime is skipped with a note. A session can last an hour: each
// decision is stamped with its own time, not the command's start.
import type { Context, Output, StopSignal } from '../context.js';
import { decidePending, edit, reopen } from '../domain/moderation.js';
import { queue } from '../domain/queue.js';
import { REASON_CODES, type ReasonCode } from '../domain/reasons.js';
import { recordOf } from '../domain/record.js';
import { MAX_REASON } from '../domain/comment.js';
import { usageError } from '../errors.js';
import { KeyReader, RESIZE, readLine } from '../io/keys.js';
import { renderLineInput, renderReasonMenu, renderReviewHelp, renderReviewScreen } from '../render/review-screen.js';
import { counted } from '../render/plural.js';

export interface ReviewOptions {
  article?: string;
}

/** Into the terminal's alternate screen, and back out to the user's own. */
const ALTERNATE_SCREEN = '\u001b[?1049h';
const MAIN_SCREEN = '\u001b[?1049l';
/** The signals' numbers (the same on every POSIX system), for the exit code a shell expects of a program they ended: 128 + n. */
const SIGNAL_NUMBERS: Record<StopSignal, number> = { SIGHUP: 1, SIGTERM: 15 };

/** Keys that move through a text longer than the screen: a page or a line, on or back. */
const MOVES: Record<string, 'page' | 'back' | 'line' | 'up' | undefined> = {
  ' ': 'page',
  '\u001b[6~': 'page',
  b: 'back',
  '\u001b[5~': 'back',
  j: 'line',
  '\u001b[B': 'line',
  k: 'up',
  '\u001b[A': 'up',
};

/**
 * The reject menu: a code's digit rejects; n types a note of the moderator's own
 * first (it goes with the rejection, as --reason does); anything else cancels.
 */
async function chooseReason(keys: KeyReader, screen: (below: number) => string, ctx: Context): Promise<{ code: ReasonCode; reason?: string } | undefined> {
  let reason: string | undefined;
  for (;;) {
    const menu = renderReasonMenu(ctx.style, ctx.screenSize().columns, reason);
    // The menu goes below the screen, which leaves it the rows (and a row more, for a note being typed).
    ctx.screen(screen(menu.split('\n').length) + menu);
    const pick = await keys.next();
    if (pick === RESIZE) continue;
    if (pick.toLowerCase() === 'n') {
      const typed = await readLine(keys, (text) => ctx.screen(renderLineInput('Note: ', text, ctx.screenSize().columns)), MAX_REASON);
      if (typed !== undefined) reason = typed.trim() || undefined;
      continue;
    }
    const code = REASON_CODES[Number(pick) - 1];
    return code === undefined ? undefined : { code, reason };
  }
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

  // The session has a screen of its own, as less and tig do: the user's is there again after it.
  show(ALTERNATE_SCREEN);
  keys.start();
  const stopHearingResizes = ctx.onResize(() => keys.push(RESIZE));
  // Asked to stop (kill, or the terminal closed): the loop ends as Ctrl-C ends it, giving the screen back on its way out.
  let stoppedBy: StopSignal | undefined;
  const stopHearingStops = ctx.onStop((signal) => {
    stoppedBy = signal;
    keys.interrupt();
  });
  let shownId: number | undefined;
  let scroll = 0; // the first line of a long text on the screen
  try {
    for (;;) {
      const { comments, articles } = await store.ask(queue, filter);
      const waiting = comments.filter((c) => !done.has(c.id));
      const comment = waiting[0];
      if (!comment) {
        reachedEnd = true;
        break;
      }
      if (comment.id !== shownId) [shownId, scroll] = [comment.id, 0];
      left = waiting.length;
      const { record, parent } = await store.ask(recordOf, comment);
      const shownNotes = notes;
      // Drawn at the terminal's size now: again after a resize.
      const draw = (below = 0) => {
        const { columns, rows } = ctx.screenSize();
        const article = articles.find((a) => a.id === comment.articleId);
        const screen = renderReviewScreen({ comment, article, record, parent, position: done.size + 1, remaining: done.size + waiting.length, notes: shownNotes, width: columns, height: rows - below, scroll, style: ctx.style, now: ctx.clock() });
        scroll = screen.scroll;
        return screen;
      };
      const screen = draw();
      show(screen.text);
      notes = [];
      // Caps Lock on is no reason to refuse a key.
      const raw = await keys.next();
      const key = raw.length === 1 ? raw.toLowerCase() : raw;
      if (key === RESIZE) {
        notes = shownNotes;
        continue;
      }
      const move = MOVES[key];
      if (move) {
        const to = scroll + (move === 'page' ? screen.page : move === 'back' ? -screen.page : move === 'line' ? 1 : -1);
        if (to > screen.lastScroll && scroll === screen.lastScroll) notes.push(screen.lastScroll ? 'That is the end of the comment.' : 'The whole comment is on the screen.');
        scroll = Math.max(0, Math.min(to, screen.lastScroll));
        continue;
      }
      if (key === '\u0003') interrupted = true;
      if (key === 'q' || key === '\u0003' || key === '\u0004') break;
      if (key === '?') {
        do show(renderReviewHelp(ctx.style));
        while ((await keys.next()) === RESIZE);
      } else if (key === 'a' || key === 'r') {
        let why: { code: ReasonCode; reason?: string } | undefined;
        if (key === 'r') {
          why = await chooseReason(keys, (below) => draw(below).text, ctx);
          if (why === undefined) {
            notes.push('Rejection cancelled.');
            continue;
          }
        }
        const status = key === 'a' ? 'approved' : 'rejected';
        // Its own transaction, stamped with its own time; false when someone else decided the comment first.
        if (await store.run(decidePending, { id: comment.id, status, by, ...why }, ctx.clock())) {
          tally[status]++;
          undo.push({ id: comment.id, action: status });
          notes.push(`#${comment.id} ${status}${why ? ` (${why.code})` : ''}.`);
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
    stopHearingResizes();
    stopHearingStops();
    keys.stop();
    show(MAIN_SCREEN);
  }
  const summary = `Reviewed: ${tally.approved} approved, ${tally.rejected} rejected, ${tally.edited} edited, ${tally.skipped} skipped.`;
  const after = reachedEnd ? (done.size === 0 && tally.edited === 0 ? ' The queue is empty.' : ' The queue is done.') : ` ${counted(left, 'comment')} still waiting.`;
  // Ctrl-C ends the session as an interrupt does (128 + SIGINT), after saying what was done; a kill or a hang-up, as they do.
  const exitCode = stoppedBy ? 128 + SIGNAL_NUMBERS[stoppedBy] : interrupted ? 130 : undefined;
  return { stdout: `${summary}${after}\n`, exitCode };
}
