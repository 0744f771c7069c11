// The built binary under seeded hostile input (fast-check): never a stack trace,
// never an exit code outside 0–4, the store unchanged on every refusal, no raw
// control character in what a person reads. RFA_FUZZ_RUNS raises the count.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newStore, rfa } from '../helpers/rfa';

const RUNS = Math.max(30, Math.floor((Number(process.env.RFA_FUZZ_RUNS) || 300) / 10));
const word = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '-', '--', '#12', '0', '-1', '1e300', 'NaN', '99999999999999999999', '\u001b[2J', '\u202E', 'self-harm', 'a(b', '<script>', '%ff', '\ud800', 'x'.repeat(6000)),
);
const command = fc.oneof(
  fc.tuple(word, word).map(([a, t]) => ['comment', 'add', '--author', a, '--', t]),
  fc.tuple(word, word).map(([a, t]) => ['comment', 'add', '--author', a, '--email', t, 'text']),
  fc.tuple(word, word).map(([list, term]) => ['policy', 'add', list, '--', term]),
  word.map((t) => ['policy', 'add', 'banned-words', '--', t]),
  fc.tuple(word, word).map(([id, code]) => ['moderate', 'reject', '--code', code, '--', id]),
  word.map((id) => ['moderate', 'show', '--', id]),
  word.map((a) => ['moderate', 'queue', '--article', a]),
  word.map((s) => ['moderate', 'log', '--since', s]),
);
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('fuzz: the binary', () => {
  it('hostile arguments: exit 0–4, no stack trace, store unchanged on refusal, no raw control in human output', async () => {
    const store = await newStore();
    const cases = fc.sample(command, { numRuns: RUNS, seed: 20261201 });
    for (const args of cases) {
      const before = fs.readFileSync(store);
      const r = await rfa([...args.slice(0, 2), '--store', store, ...args.slice(2)]);
      const what = JSON.stringify(args);
      expect([0, 1, 2, 3, 4], what).toContain(r.code);
      expect(r.code, `${what}: ${r.stderr}`).not.toBe(1); // 1 is the store failing: nothing here should
      expect(r.stderr, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (r.code !== 0) expect(fs.readFileSync(store).equals(before), what).toBe(true);
      expect(RAW_CONTROL.test(r.stdout.replace(/\u001b\[[0-9;]*m/g, '') + r.stderr), what).toBe(false);
    }
    // And the store still works for intake afterwards.
    expect((await rfa(['comment', 'add', '--author', 'After', 'still takes comments', '--store', store, '--article', 'japan-tight-lipped-on-report-of'])).code).toBe(0);
  }, 120_000);
});
