// The two kinds of thing a command (or an HTTP route) asks of the store. Each
// is written beside its rule and says what it reads (`needs`, see needs.ts);
// the store loads that, runs it, and writes back what changed: an operation
// under the store's lock, a query on a consistent snapshot.
import type { Needs } from './needs.js';
import type { StoreData } from './store-data.js';

/** What an operation hands back: its result, and whether it changed the data (written only then). */
export interface Outcome<R> {
  result: R;
  changed: boolean;
}

/** A change: a read-modify-write under the store's lock. */
export interface Operation<I, R> {
  needs(input: I): Needs;
  run(data: StoreData, input: I, now: Date): Outcome<R>;
}

/** A question: read on a snapshot, nothing written. */
export interface Query<I, R> {
  needs(input: I): Needs;
  answer(data: StoreData, input: I): R;
  /**
   * Cheaper ways to the same answer, for a store that reads only what it is
   * asked for (a database): each a smaller need and the input to answer it
   * with, and whether that answer is the whole answer. A store tries them in
   * order, and falls back to `needs` when none is enough. The property test
   * checks that an answer they call enough is the answer on the whole store.
   */
  attempts?(input: I): Attempt<I, R>[];
}

export interface Attempt<I, R> {
  needs: Needs;
  input: I;
  enough(result: R): boolean;
}

/** One step of a transaction (Store.transaction): an operation run on what it needs, after the steps before it. */
export type RunStep = <I, R>(op: Operation<I, R>, input: I) => Promise<R>;

/** What an operation would do, asked as a query: on a snapshot in memory, nothing written (--dry-run). */
export const preview = <I, R>(op: Operation<I, R>): Query<{ input: I; now: Date }, R> => ({
  needs: ({ input }) => op.needs(input),
  answer: (data, { input, now }) => op.run(data, input, now).result,
});

/** One input's outcome in a group of them: its result, or what it was refused with. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * An operation once per input, in order, on the same data (a group commit:
 * each sees what the ones before did). An operation checks before it changes
 * anything, so one that throws has left the data as it was for the next.
 */
export function runInOrder<I, R>(op: Operation<I, R>, data: StoreData, inputs: readonly I[], now: Date): { outcomes: Settled<R>[]; changed: boolean } {
  let changed = false;
  const outcomes = inputs.map((input): Settled<R> => {
    try {
      const outcome = op.run(data, input, now);
      changed ||= outcome.changed;
      return { ok: true, value: outcome.result };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { outcomes, changed };
}

/** The one outcome of a group of one, as a plain result or a throw. */
export function settled<R>([outcome]: Settled<R>[]): R {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
