// Submissions that arrive together go to the store together: while one group
// is being written, the next collects, and is written in one locked write
// (one rewrite of the JSON file, one fsync) instead of one each. A caller's
// promise settles only when its own submission is durable or refused.
import type { Settled } from '../store/store.js';

/** Most inputs in one write: a flood is written in steps, and no caller waits behind an unbounded group. */
const MAX_GROUP = 200;
/** How long a group waits for posts still being read, or about to come, before it is written. */
const MAX_GATHER_MS = 5;

interface Waiting<I, R> {
  input: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, R> {
  readonly #write: (inputs: I[]) => Promise<Settled<R>[]>;
  #waiting: Waiting<I, R>[] = [];
  /** Set and cleared with no await in between, so a submission never waits behind a loop that has ended. */
  #busy = false;
  #running: Promise<void> = Promise.resolve();
  /** Posts being read that will be submitted (or not) soon. */
  #coming = 0;
  /** How many posts the next group waits for (a few milliseconds at most). */
  #expected = 0;

  constructor(write: (inputs: I[]) => Promise<Settled<R>[]>) {
    this.#write = write;
  }

  /**
   * Says a post is on its way (its body is being read): the next group waits
   * for it a few milliseconds. Call what it returns when it is submitted or
   * given up (more than once is harmless).
   */
  coming(): () => void {
    this.#coming++;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.#coming--;
      }
    };
  }

  /** Hands in an input; `arrived`, from coming(), says it is no longer on its way. */
  submit(input: I, arrived?: () => void): Promise<R> {
    arrived?.();
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ input, resolve, reject });
      if (!this.#busy) this.#running = this.#drain();
    });
  }

  /** Resolves when nothing is waiting or being written (for a clean stop). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#running;
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#waiting.length) {
        // Let the event loop turn, and wait a little for posts still being read
        // and for those about to come (#expected, set after each write), so that
        // each write takes every post that will soon be waiting for one.
        const until = performance.now() + MAX_GATHER_MS;
        do await new Promise((resolve) => setImmediate(resolve));
        while ((this.#coming > 0 || this.#waiting.length < this.#expected) && this.#waiting.length < MAX_GROUP && performance.now() < until);
        const group = this.#waiting.splice(0, MAX_GROUP);
        let outcomes: Settled<R>[];
        try {
          outcomes = await this.#write(group.map((w) => w.input));
        } catch (error) {
          for (const w of group) w.reject(error);
          continue;
        } finally {
          // The next group: the posts that came during this write, and as many again as this one had, whose
          // answers are about to go out (under a steady load each brings the next post).
          this.#expected = Math.min(MAX_GROUP, this.#waiting.length + group.length);
        }
        group.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) w.resolve(outcome.value);
          else w.reject(outcome.error);
        });
      }
    } finally {
      // Straight after the last look at #waiting: nothing can arrive in between.
      this.#busy = false;
    }
  }
}
