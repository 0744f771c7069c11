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
