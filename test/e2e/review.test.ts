import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PtySession, withPty } from '../helpers/pty-session';
import { BACKENDS } from '../helpers/backends';
import { rfa, rfaJson, tempDir } from '../helpers/rfa';

describe.each(BACKENDS)('on a $name store', ({ newStore, data }) => {
  async function queueOfThree() {
    const store = await newStore();
    await rfa(['policy', 'add', 'suspect-words', 'idiot', '--store', store]);
    await rfaJson(store, ['comment', 'add', '--author', 'Jane', '--email', 'jane@example.org', 'First comment.']);
    await rfaJson(store, ['comment', 'add', '--author', 'Ken', 'You idiot, this is wrong.']);
    await rfaJson(store, ['comment', 'add', '--author', 'Lee', 'Third comment.']);
    return store;
  }

  describe('moderate review', () => {
    it('capitals work (Caps Lock); quitting early says how many still wait; Ctrl-C exits 130; odd keys get a plain note', async () => {
      const store = await queueOfThree();
      await withPty(['moderate', 'review', '--store', store, '--as', 'alice'], {}, async (s) => {
        await s.waitFor('Review · #1');
        await s.press('A', 'Review · #2'); // Caps Lock on
        await s.press('\r', 'That key does nothing here');
        await s.press('Q', '2 comments still waiting.');
        expect(await s.exited).toBe(0);
        expect(s.output).not.toContain('The queue is empty');
      });
      expect((await data(store)).comments[0].status).toBe('approved');
      await withPty(['moderate', 'review', '--store', store, '--as', 'alice'], {}, async (s) => {
        await s.waitFor('Review · #2');
        await s.press('\u0003', 'Reviewed: 0 approved');
        expect(await s.exited).toBe(130);
      });
    });

    it('a reply is shown with what it answers: the parent\'s number, author and first words', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Jane', 'The council voted on Tuesday night.']);
      await rfa(['moderate', 'approve', '1', '--store', store]);
      await rfaJson(store, ['comment', 'add', '--author', 'Ken', '--reply-to', '1', 'No, it was Wednesday.']);
      await withPty(['moderate', 'review', '--store', store, '--as', 'alice'], {}, async (s) => {
        await s.waitFor('Review · #2');
        expect(s.output).toContain('In reply to #1 Jane: "The council voted on Tuesday night."');
        await s.press('q', 'still waiting');
        expect(await s.exited).toBe(0);
      });
    });

    it('refuses without a terminal (exit 2) and says what to use', async () => {
      const store = await queueOfThree();
      const r = await rfa(['moderate', 'review', '--store', store]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('terminal');
      expect(r.stderr).toContain('moderate approve');
    });

    it('approves, rejects with a code, undoes and skips with single keys, writing each decision at once', async () => {
      const store = await queueOfThree();
      await withPty(['moderate', 'review', '--store', store, '--as', 'alice'], {}, async (s) => {
        await s.waitFor('Review · #1 · 1 of 3 pending');
        expect(s.output).toContain('Jane <jane@example.org>');
        expect(s.output).toContain('Record: 0 approved, 0 rejected before');
        await s.press('a', 'Review · #2');
        expect((await data(store)).comments[0].status).toBe('approved'); // written before the next screen
        expect(s.output).toContain('Flag: suspect-words: "idiot"');

        await s.press('r', 'Reject: why?');
        await s.press('2', 'Review · #3');
        expect((await data(store)).comments[1].history.at(-1)).toMatchObject({ action: 'rejected', by: 'alice', code: 'abuse' });

        await s.press('u', '#2 is back in the queue.');
        expect((await data(store)).comments[1].status).toBe('pending');
        await s.press('s', 'Review · #3');
        await s.press('?', 'undo the last approval or rejection');
        await s.press('x', 'Review · #3');
        await s.press('q', 'Reviewed: 1 approved, 0 rejected, 0 edited, 1 skipped.');
        expect(await s.exited).toBe(0);
        // Our own screen control works; nothing of it is shown escaped as text.
        expect(s.output).not.toContain('\\x1B');
      });
      const log = await rfaJson(store, ['moderate', 'log']);
      expect(log.map((e: any) => [e.commentId, e.action])).toEqual([[2, 'reopened'], [2, 'rejected'], [1, 'approved']]);
    });

    it('skips a comment decided by another process meanwhile, with a note', async () => {
      const store = await queueOfThree();
      await withPty(['moderate', 'review', '--store', store], {}, async (s) => {
        await s.waitFor('Review · #1');
        await rfa(['moderate', 'reject', '1', '--as', 'bob', '--store', store]);
        await s.press('a', '#1 was decided by someone else meanwhile; skipped.');
        expect((await data(store)).comments[0].status).toBe('rejected');
        await s.press('q', 'Reviewed: 0 approved');
        await s.exited;
      });
    });

    it('edits in $EDITOR without leaving the loop', async () => {
      const store = await queueOfThree();
      const editor = path.join(tempDir(), 'ed.sh');
      fs.writeFileSync(editor, '#!/bin/sh\nprintf "Edited during review.\\n" > "$1"\n', { mode: 0o755 });
      await withPty(['moderate', 'review', '--store', store], { EDITOR: editor }, async (s) => {
        await s.waitFor('Review · #1');
        await s.press('e', 'Edited during review.');
        expect((await data(store)).comments[0]).toMatchObject({ body: 'Edited during review.', status: 'pending' });
        await s.press('q', '1 edited');
        await s.exited;
      });
    });

    it('pages a comment longer than the screen, redraws when the terminal is resized, and gives the user their screen back', async () => {
      const store = await newStore();
      const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} of a long letter about the budget and what the council did.`).join('\n\n');
      await rfaJson(store, ['comment', 'add', '--author', 'Lee', long]);
      await withPty(
        ['moderate', 'review', '--store', store],
        {},
        async (s) => {
          await s.waitFor('Review · #1');
          // Its own screen (as less does), left at the end: what was on the user's screen comes back.
          expect(s.output).toContain('\u001b[?1049h');
          await s.waitFor('Lines 1–');
          expect(s.output).toContain('[space] more');
          // The header and the keys stay on the screen: no screen is taller than the terminal.
          const lastScreen = () => s.output.slice(s.output.lastIndexOf('\u001b[2J')).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
          const fits = (cols: number, rows: number) => {
            const lines = lastScreen().split('\n');
            expect(lines.length).toBeLessThanOrEqual(rows);
            for (const line of lines) expect([...line].length).toBeLessThanOrEqual(cols);
            expect(lines[0]).toContain('Review · #1');
            expect(lastScreen()).toContain('[a]pprove');
          };
          fits(80, 20);
          await s.press(' ', 'Lines 12–22 of 59'); // a page on
          expect(lastScreen()).toContain('[b] back');
          await s.press('b', 'Lines 1–11 of 59');
          await s.press('\u001b[B', 'Lines 2–12 of 59'); // the down arrow: a line on
          // A narrower, shorter window: drawn again at its size.
          let from = s.output.length;
          s.resize(60, 14);
          await s.waitFor('Review · #1', from);
          await s.waitFor('[?] help', from);
          fits(60, 14);
          from = s.output.length;
          s.resize(100, 50);
          await s.waitFor('[?] help', from);
          fits(100, 50);
          await s.press('q', 'still waiting');
          expect(s.output.slice(s.output.lastIndexOf('\u001b[?1049l'))).toContain('Reviewed: 0 approved');
          expect(await s.exited).toBe(0);
        },
        { cols: 80, rows: 20 },
      );
    });

    it('a rejection can carry a note typed in the loop, beside its code', async () => {
      const store = await queueOfThree();
      await withPty(['moderate', 'review', '--store', store, '--as', 'alice'], {}, async (s) => {
        await s.waitFor('Review · #1');
        await s.press('r', '[n] add a note');
        await s.press('n', 'Note: ');
        s.type('Repeats #4x');
        await s.press('\u007f', 'Repeats #4'); // Backspace
        await s.press('\r', 'Note: Repeats #4');
        await s.press('6', 'Review · #2');
        // Esc while typing drops the note, not the rejection; Esc at the menu cancels it.
        await s.press('r', '[n] add a note');
        await s.press('n', 'Note: ');
        s.type('never mind');
        await s.press('\u001b', '[n] add a note');
        await s.press('\u001b', 'Rejection cancelled.');
        await s.press('q', 'Reviewed: 0 approved, 1 rejected');
        expect(await s.exited).toBe(0);
      });
      expect((await data(store)).comments[0].history.at(-1)).toMatchObject({ action: 'rejected', by: 'alice', code: 'duplicate', reason: 'Repeats #4' });
      expect((await data(store)).comments[1].status).toBe('pending');
    });

    it('asked to stop (SIGTERM, or SIGHUP when the terminal closes), ends as Ctrl-C does: the screen given back, the summary, 128 + the signal', async () => {
      for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
        const store = await queueOfThree();
        const s = new PtySession(['moderate', 'review', '--store', store]);
        await s.waitFor('Review · #1');
        await s.press('a', 'Review · #2');
        await s.press('r', 'Reject: why?'); // in the reject menu, a prompt deeper in
        s.signal(signal);
        expect(await s.exited, signal).toBe(code);
        const after = s.output.slice(s.output.lastIndexOf('\u001b[?1049h'));
        expect(after, signal).toContain('\u001b[?1049l');
        expect(after, signal).toContain('Reviewed: 1 approved, 0 rejected');
        expect((await data(store)).comments.map((c: any) => c.status)).toEqual(['approved', 'pending', 'pending']);
      }
    });

    it('loses nothing when killed mid-session', async () => {
      const store = await queueOfThree();
      const s = new PtySession(['moderate', 'review', '--store', store]);
      await s.waitFor('Review · #1');
      await s.press('a', 'Review · #2');
      s.kill();
      await s.exited;
      expect((await data(store)).comments.map((c: any) => c.status)).toEqual(['approved', 'pending', 'pending']);
    });
  });
});
