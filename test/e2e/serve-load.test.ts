// rfa serve under load, while moderators work from the CLI on the same store:
// no acknowledged comment lost, none stored twice, none half-written; a
// kill -9 in the middle loses nothing acknowledged; two servers on one
// PostgreSQL database share the rate limit, the form secret and receipts.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends';
import { newPgStore } from '../helpers/pg';
import { rfa, rfaJson } from '../helpers/rfa';
import { postForm, postJson, serve, tokenIn } from '../helpers/server';

const ARTICLE = 'japan-tight-lipped-on-report-of';

/** Posts `n` comments at once, each from its own sender; resolves with the texts acknowledged (202). */
async function flood(url: string, n: number, tag: string, onAck?: (count: number) => void): Promise<{ acknowledged: string[]; statuses: number[] }> {
  let acks = 0;
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      postJson(url, ARTICLE, { author: `Reader ${tag} ${i}`, text: `${tag} comment number ${i}` }, { 'x-forwarded-for': `10.${tag.length}.${Math.floor(i / 250)}.${i % 250}` }).then(
        (r) => {
          if (r.status === 202) onAck?.(++acks);
          return r.status;
        },
        () => 0, // the connection was cut: not acknowledged
      ),
    ),
  );
  return { acknowledged: statuses.flatMap((s, i) => (s === 202 ? [`${tag} comment number ${i}`] : [])), statuses };
}

/** A moderator clearing the queue from the CLI while the posts come in: approve odd ids, reject even ones, until told to stop. */
async function moderator(store: string, stop: { now: boolean }, decisions = new Map<number, string>()): Promise<number> {
  let decided = 0;
  while (!stop.now) {
    const ids = (await rfa(['moderate', 'queue', '--format', 'ids', '--store', store])).stdout.split('\n').filter(Boolean).map(Number);
    const approve = ids.filter((id) => id % 2 === 1);
    const reject = ids.filter((id) => id % 2 === 0);
    if (approve.length) expect((await rfa(['moderate', 'approve', ...approve.map(String), '--store', store])).code).toBe(0);
    if (reject.length) expect((await rfa(['moderate', 'reject', ...reject.map(String), '--code', 'other', '--store', store])).code).toBe(0);
    for (const id of approve) decisions.set(id, 'approved');
    for (const id of reject) decisions.set(id, 'rejected');
    decided += ids.length;
    if (!ids.length) await new Promise((r) => setTimeout(r, 20));
  }
  return decided;
}

describe.each(BACKENDS)('rfa serve under load on $name', (backend) => {
  it('200 posts at once while a moderator approves and rejects: every acknowledged comment stored once, nothing else', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'rate-limit', '0', '--store', store]);
    const s = await serve(store, ['--trust-proxy', '1']);
    try {
      const stop = { now: false };
      const decisions = new Map<number, string>();
      const moderating = moderator(store, stop, decisions);
      const { acknowledged, statuses } = await flood(s.url, 200, 'load');
      stop.now = true;
      const decided = await moderating;
      expect(statuses.filter((st) => st !== 202)).toEqual([]);
      const comments = (await backend.data(store)).comments as { body: string; id: number; status: string }[];
      expect(comments.map((c) => c.body).sort()).toEqual([...acknowledged].sort());
      expect(new Set(comments.map((c) => c.id)).size).toBe(200);
      expect(decided).toBeGreaterThan(0);
      // No decision made from the CLI was written over by the server (which keeps what it last wrote).
      for (const [id, status] of decisions) expect(comments.find((c) => c.id === id)?.status, `#${id}`).toBe(status);
      // One log line per request (written just after each answer: wait for the last to come through the pipe).
      await expect.poll(() => s.log().match(/POST \/articles\/[^ ]+ 202/g)?.length, { timeout: 5_000 }).toBe(200);
    } finally {
      await s.stop('SIGKILL');
    }
  });

  it('a decision made from the CLI between two of the server\'s writes stays made (the server keeps what it wrote only while the file is that one)', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'rate-limit', '0', '--store', store]);
    const s = await serve(store, ['--trust-proxy', '1']);
    try {
      expect((await flood(s.url, 5, 'first')).statuses).toEqual([202, 202, 202, 202, 202]);
      expect((await rfa(['moderate', 'approve', '1', '2', '3', '--store', store])).code).toBe(0);
      expect((await rfa(['moderate', 'edit', '4', 'Edited from the CLI.', '--store', store])).code).toBe(0);
      expect((await flood(s.url, 5, 'second')).statuses).toEqual([202, 202, 202, 202, 202]);
      const comments = (await backend.data(store)).comments as { id: number; status: string; body: string }[];
      expect(comments.map((c) => [c.id, c.status])).toEqual([[1, 'approved'], [2, 'approved'], [3, 'approved'], [4, 'pending'], [5, 'pending'], ...[6, 7, 8, 9, 10].map((id) => [id, 'pending'])]);
      expect(comments[3].body).toBe('Edited from the CLI.');
    } finally {
      await s.stop();
    }
  });

  it('kill -9 in the middle of a flood: every acknowledged comment is there afterwards, and the store is whole', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'rate-limit', '0', '--store', store]);
    const s = await serve(store, ['--trust-proxy', '1']);
    // Killed once some have been acknowledged, with many more in flight.
    let killed: Promise<{ signal: NodeJS.Signals | null }> | undefined;
    const { acknowledged, statuses } = await flood(s.url, 300, 'kill', (count) => {
      if (count === 20) killed = s.stop('SIGKILL');
    });
    expect((await killed!).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((st) => st === 0).length).toBeGreaterThan(0);
    const comments = (await backend.data(store)).comments as { body: string; id: number }[];
    const stored = new Set(comments.map((c) => c.body));
    expect(acknowledged.filter((t) => !stored.has(t))).toEqual([]);
    expect(stored.size).toBe(comments.length);
    // Whole: the CLI reads it, and takes the next comment with the next id.
    const next = await rfaJson(store, ['comment', 'add', '--author', 'After', 'after the crash']);
    expect(next.id).toBe(Math.max(0, ...comments.map((c) => c.id)) + 1);
  });
});

describe('two rfa serve processes on one PostgreSQL database', () => {
  it('share the rate limit, the form secret and the receipts', async () => {
    const store = await newPgStore();
    const [a, b] = await Promise.all([serve(store, ['--trust-proxy', '1']), serve(store, ['--trust-proxy', '1'])]);
    try {
      const sender = { 'x-forwarded-for': '192.0.2.77' };
      for (let i = 0; i < 5; i++) expect((await postJson(a.url, ARTICLE, { author: `A${i}`, text: `on a ${i}` }, sender)).status).toBe(202);
      const onB = await postJson(b.url, ARTICLE, { author: 'B', text: 'on b' }, sender);
      expect(onB.status).toBe(429);
      // Another sender is welcome on either.
      const other = await postJson(b.url, ARTICLE, { author: 'C', text: 'other sender' }, { 'x-forwarded-for': '192.0.2.78' });
      expect(other.status).toBe(202);
      const { receipt } = (await other.json()) as { receipt: string };
      const onA = await fetch(receipt.replace(b.url, a.url));
      expect(onA.status).toBe(200);
      expect(await onA.text()).toContain('other sender');

      // A form rendered by one is taken by the other (one secret, kept in the database).
      await rfa(['policy', 'set', 'form-min-seconds', '0', '--store', store]);
      const token = tokenIn(await (await fetch(`${a.url}/articles/${ARTICLE}`)).text());
      const r = await postForm(b.url, ARTICLE, { author: 'D', text: 'form from a, posted to b', token }, { 'x-forwarded-for': '192.0.2.79' });
      expect(r.status).toBe(303);
    } finally {
      await a.stop('SIGKILL');
      await b.stop('SIGKILL');
    }
  });
});
