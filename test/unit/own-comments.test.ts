// A server keeps its comments frozen and looks up an author's through an index
// of them (src/domain/own-comments.ts). Posts taken that way must get exactly
// the answers they get on a plain store, read every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOwn, ownComments } from '../../src/domain/own-comments';
import type { Comment } from '../../src/domain/comment';
import type { StoreData } from '../../src/domain/store-data';
import { attempt, grownStore, now, OPERATIONS } from '../helpers/contract';
import { deepFreeze } from '../../src/store/file/json-store';

const RUNS = Number(process.env.RFA_FUZZ_RUNS) || 150;
const params = { numRuns: RUNS, seed: 20261203 };

const [, submit, submission] = OPERATIONS.find(([name]) => name === 'submit')!;

/** Freezes the first `n` comments, as a server freezes what it has written. */
const freezeFirst = (data: StoreData, n: number) => data.comments.slice(0, n).forEach(deepFreeze);

describe("an author's comments, through the index of frozen ones", () => {
  it('a run of posts gets the same answers, the same comments and the same errors as on a plain store', () => {
    fc.assert(
      fc.property(grownStore, fc.array(submission, { minLength: 1, maxLength: 6 }), fc.nat(), now, (data, posts, cut, at) => {
        const plain = structuredClone(data);
        const served = structuredClone(data);
        // Some comments frozen (indexed), the rest not (looked at one by one); after each post, as after each write, all of them.
        freezeFirst(served, cut % (served.comments.length + 1));
        for (const post of posts) {
          const onPlain = attempt(() => submit.run(plain, post, at));
          const onServed = attempt(() => submit.run(served, post, at));
          expect(onServed).toEqual(onPlain);
          if (cut % 2) freezeFirst(served, served.comments.length);
        }
        expect(served).toEqual(plain);
      }),
      params,
    );
  });

  const who = { author: 'ann', email: 'bo@example.net', sender: 's1' };
  const mine = (data: StoreData) => data.comments.filter((c) => isOwn(c, who)).map((c) => c.id);
  const ids = (list: Comment[]) => list.map((c) => c.id);

  it('stays exact as frozen comments are added, and when the list is cut or replaced', () => {
    fc.assert(
      fc.property(grownStore, fc.nat(), fc.nat(), (data, a, b) => {
        if (data.comments.length < 2) return;
        freezeFirst(data, data.comments.length);
        expect(ids(ownComments(data.comments, who))).toEqual(mine(data));
        // A new comment, not frozen yet, then frozen: found both times.
        const added = { ...data.comments[a % data.comments.length], id: data.nextCommentId, author: 'ANN' };
        data.comments.push(added);
        expect(ids(ownComments(data.comments, who))).toContain(added.id);
        deepFreeze(added);
        expect(ids(ownComments(data.comments, who))).toEqual(mine(data));
        // Comments taken out of the list (a purge): never found again, even when another takes the place at the end.
        data.comments.splice(b % data.comments.length, 1);
        expect(ids(ownComments(data.comments, who))).toEqual(mine(data));
        data.comments.splice(b % data.comments.length, 1);
        const another = { ...added, id: added.id + 1, author: 'Ann' };
        deepFreeze(another);
        data.comments.push(another);
        expect(ids(ownComments(data.comments, who))).toEqual(mine(data));
        data.comments.length = Math.max(1, data.comments.length - 2);
        expect(ids(ownComments(data.comments, who))).toEqual(mine(data));
      }),
      params,
    );
  });
});
