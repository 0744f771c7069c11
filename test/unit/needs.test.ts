// The data contract: every operation and query gives the same answer (the same
// result, the same error, the same writes) on `restrict(data, needs(input))` as
// on the whole store. A backend that hands over what `restrict` says is then as
// good as the JSON file that hands over everything. Random stores are grown by
// running random operations, so they hold what real ones do: replies, decisions,
// edits, purges, names that differ only in case, house rules that fire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restrict } from '../../src/domain/needs';
import type { Operation, Query } from '../../src/domain/operation';
import { recordOf } from '../../src/domain/record';
import type { StoreData } from '../../src/domain/store-data';
import { attempt, grownStore as store, now, OPERATIONS, QUERIES } from '../helpers/contract';

const RUNS = Number(process.env.RFA_FUZZ_RUNS) || 150;
const params = { numRuns: RUNS, seed: 20261202 };

const clone = (data: StoreData): StoreData => structuredClone(data);

function checkOperation<I, R>(op: Operation<I, R>, data: StoreData, input: I, at: Date): void {
  const whole = clone(data);
  const part = clone(restrict(data, op.needs(input)));
  const onWhole = attempt(() => op.run(whole, input, at));
  const onPart = attempt(() => op.run(part, input, at));
  expect(onPart).toEqual(onWhole);
  if (onWhole.error) return;
  // What the backend writes back (the records it was handed, as they are now) is what the whole store now holds…
  for (const c of part.comments) expect(c).toEqual(whole.comments.find((w) => w.id === c.id));
  for (const a of part.articles) expect(a).toEqual(whole.articles.find((w) => w.id === a.id));
  expect(part.settings).toEqual(whole.settings);
  expect(part.nextCommentId).toBe(whole.nextCommentId);
  // …and nothing the operation changed in the whole store is missing from what it was handed.
  const before = new Map(data.comments.map((c) => [c.id, JSON.stringify(c)]));
  const handed = new Set(part.comments.map((c) => c.id));
  for (const c of whole.comments) if (before.get(c.id) !== JSON.stringify(c)) expect(handed.has(c.id), `comment #${c.id} changed but was not loaded`).toBe(true);
  const articlesBefore = new Map(data.articles.map((a) => [a.id, JSON.stringify(a)]));
  const handedArticles = new Set(part.articles.map((a) => a.id));
  for (const a of whole.articles) if (articlesBefore.get(a.id) !== JSON.stringify(a)) expect(handedArticles.has(a.id), `article ${a.id} changed but was not loaded`).toBe(true);
}

function checkQuery<I, R>(query: Query<I, R>, data: StoreData, input: I): void {
  const onWhole = attempt(() => query.answer(clone(data), input));
  const onPart = attempt(() => query.answer(clone(restrict(data, query.needs(input))), input));
  expect(onPart).toEqual(onWhole);
  // A cheaper attempt that calls its answer enough gives the whole answer.
  for (const a of query.attempts?.(input) ?? []) {
    const part = restrict(data, a.needs);
    const onAttempt = attempt(() => query.answer(clone(part), a.input));
    if (onAttempt.error === undefined && !a.enough(onAttempt.value as R)) continue;
    expect(onAttempt).toEqual(onWhole);
    if (part.comments.length < data.comments.length) attemptsTaken.push(a.needs.comments);
    break; // a store stops at the first that is enough
  }
}

/** Attempts taken (enough) on less than the whole store, across the run: the check above must have had something to check. */
const attemptsTaken: string[] = [];

describe('each operation gives the same result on what it needs as on the whole store', () => {
  for (const [name, op, input] of OPERATIONS) {
    it(name, () => {
      fc.assert(fc.property(store, input, now, (data, i, at) => checkOperation(op, data, i, at)), params);
    });
  }
});

describe('each query gives the same answer on what it needs as on the whole store', () => {
  for (const [name, query, input] of QUERIES) {
    it(name, () => {
      fc.assert(fc.property(store, input, (data, i) => checkQuery(query, data, i)), params);
    });
  }
  it('the log\'s attempts were taken, and were not always the whole store', () => {
    expect(attemptsTaken.length).toBeGreaterThan(3);
  });
  it('recordOf (an author\'s record and the comment replied to, for the review screen)', () => {
    fc.assert(
      fc.property(store, fc.nat(), (data, n) => {
        if (data.comments.length === 0) return;
        checkQuery(recordOf, data, data.comments[n % data.comments.length]);
      }),
      params,
    );
  });
});

describe('restrict', () => {
  it('grown stores are busy enough to test anything: replies, decisions and several authors occur', () => {
    const samples = fc.sample(store, { numRuns: 200, seed: 1 });
    expect(samples.some((d) => d.comments.some((c) => c.parentId !== null))).toBe(true);
    expect(samples.some((d) => d.comments.some((c) => c.status === 'approved') && d.comments.some((c) => c.status === 'rejected'))).toBe(true);
    expect(samples.some((d) => d.comments.some((c) => c.purged))).toBe(true);
    expect(samples.some((d) => new Set(d.comments.map((c) => c.author)).size >= 3)).toBe(true);
  });
});
