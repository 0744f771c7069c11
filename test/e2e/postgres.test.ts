// The postgres:// backend: the same commands give the same results as the JSON
// file, and the database-specific promises hold (concurrency, crashes,
// connection errors, schema versions, copying between the two kinds).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inject } from 'vitest';
import pg from 'pg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restrict } from '../../src/domain/needs';
import { PgStore } from '../../src/store/pg/pg-store';
import { PG_SCHEMA_VERSION } from '../../src/store/pg/schema';
import { collectDump } from '../../src/store/dump';
import { figuresOf, statsFrom } from '../../src/domain/figures';
import { attempt, grownStore, OPERATIONS, QUERIES } from '../helpers/contract';
import { WXR } from '../helpers/fixtures';
import { rfaOnTerminal } from '../helpers/pty';
import { newPgStore, sql } from '../helpers/pg';
import { writeBigStore } from '../helpers/big-store';
import { BIN, cleanEnv, newStore, rfa, tempDir, type RunOptions } from '../helpers/rfa';


/** The counts table holds what counting the comments gives: every write kept it up to date. */
/** The counts, and the figures of rfa stats, the database keeps summed as it writes are what its comments add up to. */
async function expectCountsKept(url: string): Promise<void> {
  const kept = await sql(url, 'SELECT article_id, status, n::int AS n FROM rfa_counts WHERE n <> 0 ORDER BY 1, 2');
  const counted = await sql(url, 'SELECT article_id, status, count(*)::int AS n FROM rfa_comments GROUP BY 1, 2 ORDER BY 1, 2');
  expect(kept).toEqual(counted);
  await expectFiguresKept(new PgStore(url, { backupDir: tempDir() }));
}

const AT = new Date('2026-12-01T00:00:00.000Z');

async function expectFiguresKept(store: PgStore, label = ''): Promise<void> {
  const whole = figuresOf(await collectDump(store.dump()));
  const kept = await store.figures();
  expect(statsFrom(kept, AT), label).toEqual(statsFrom(whole, AT));
  expect(kept.middleWaits, label).toEqual(whole.middleWaits);
}

/** Times, ages and the store's own name differ between two runs; everything else must not. */
function normalize(text: string, store: string): string {
  return text
    .split(store)
    .join('STORE')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'ISO')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'TIME')
    .replace(/\S+\.gz\b/g, 'BACKUP')
    .replace(/"(medianWaitSeconds|waitingSeconds)": [\d.]+/g, '"$1": N');
}

type Step = [string[], RunOptions?];

const STEPS: Step[] = [
  [['comment', 'add', '--author', 'Jane', '--email', 'jane@example.org', 'First comment.']],
  [['comment', 'add', '--author', 'Ken', '--json', '-'], { input: 'Second, with a link: http://a.example\n\nand a second paragraph.' }],
  [['comment', 'add', '--author', 'JANE', 'First comment.']],
  [['comment', 'add', '--author', 'Lee', '--reply-to', '1', 'Too early.']],
  [['moderate', 'approve', '1', '--as', 'alice']],
  [['comment', 'add', '--author', 'Lee', '--reply-to', '1', 'A reply.']],
  [['moderate', 'approve', '3', '--json', '--as', 'alice']],
  [['moderate', 'reject', '2', '--code', 'spam', '--reason', 'ad', '--json', '--as', 'bob']],
  [['moderate', 'edit', '3', 'A reply, edited.', '--reason', 'typo', '--as', 'alice']],
  [['moderate', 'approve', '1', '2', '99']],
  [['moderate', 'queue', '--status', 'all']],
  [['moderate', 'queue', '--status', 'all', '--format', 'csv']],
  [['moderate', 'queue', '--status', 'all', '--format', 'ndjson']],
  [['moderate', 'queue', '--format', 'ids']],
  [['moderate', 'queue', '--status', 'approved', '--format', 'count']],
  [['moderate', 'queue', '--status', 'all', '--search', 'REPLY', '--sort', 'newest', '--json']],
  [['moderate', 'show', '3']],
  [['moderate', 'show', '3', '--json']],
  [['show']],
  [['show', '--json']],
  [['show', '--format', 'html']],
  [['show', '--format', 'markdown']],
  [['policy', 'add', 'suspect-words', 'idiot']],
  [['comment', 'add', '--author', 'Max', 'You idiot.']],
  [['moderate', 'queue', '--flagged', '--format', 'ids']],
  [['policy', 'set', 'flood-max', '1']],
  [['policy', 'set', 'flood-window', '10']],
  [['comment', 'add', '--author', 'Max', 'Again!']],
  [['policy', 'set', 'flood-max', '0']],
  [['article', 'close', 'japan-tight-lipped-on-report-of']],
  [['comment', 'add', '--author', 'Zoe', 'Closed?']],
  [['article', 'open', 'japan-tight-lipped-on-report-of']],
  [['moderate', 'purge', '2', '--reason', 'erasure request', '--yes', '--as', 'alice']],
  [['moderate', 'log', '--json']],
  [['moderate', 'log', '--by', 'alice']],
  [['moderate', 'log', '--since', '2000-01-01', '--json']],
  [['moderate', 'log', '--since', '1h', '--by', 'policy']],
  [['moderate', 'log', '--since', '2999-01-01']],
  [['stats', '--json']],
  [['policy', 'show', '--json']],
  [['import', WXR, '--from', 'wxr', '--json']],
  [['import', WXR, '--from', 'wxr']],
  [['article', 'list', '--json']],
  // Several articles now: which one a command loads, or says it needs.
  [['show']],
  [['show', '--article', 'nope']],
  [['show', '--article', 'japan-tight-lipped-on-report-of', '--json']],
  [['comment', 'add', '--author', 'Ann', 'Which article?']],
  [['comment', 'add', '--author', 'Ann', '--article', 'nope', 'Nowhere.']],
  [['comment', 'add', '--author', 'Ann', '--article', 'japan-tight-lipped-on-report-of', 'Here.', '--json']],
  [['moderate', 'show', '10']],
  [['moderate', 'show', '12', '--json']],
  [['moderate', 'queue', '--article', 'nope', '--format', 'count']],
  [['moderate', 'queue', '--status', 'all', '--limit', '5', '--sort', 'newest', '--json']],
  [['moderate', 'log', '--since', '2000-01-01', '--article', 'wind-farm-plan-approved', '--json']],
  [['moderate', 'log', '--since', '2024-03-05T10:30Z', '--limit', '3']],
  [['export']],
  [['export', '--format', 'csv', '--status', 'approved']],
  [['moderate', 'approve', 'x']],
  [['moderate', 'show', '12345']],
];

describe('postgres:// gives what the JSON file gives', () => {
  it('runs the same script of commands with the same output and exit codes on both', async () => {
    const cwd = tempDir(); // where a database store's automatic backups go
    const json = await newStore();
    const pg = await newPgStore();
    for (const [args, options] of STEPS) {
      const a = await rfa([...args, '--store', json], { ...options, cwd });
      const b = await rfa([...args, '--store', pg], { ...options, cwd });
      const label = args.join(' ');
      expect({ code: b.code, stdout: normalize(b.stdout, pg), stderr: normalize(b.stderr, pg) }, label).toEqual({
        code: a.code,
        stdout: normalize(a.stdout, json),
        stderr: normalize(a.stderr, json),
      });
    }
  }, 120_000);
});

describe('the SQL hands over what each operation needs', () => {
  it('on stores grown by random operations, what a need loads holds at least restrict(data, needs), record for record', async () => {
    const stores = fc.sample(grownStore, { numRuns: 8, seed: 7 });
    const cases = [...OPERATIONS, ...QUERIES].map(([name, op, input]) => ({ name, op, inputs: fc.sample(input, { numRuns: 8, seed: 11 }) }));
    let groups = 0;
    for (const data of stores) {
      const url = await newPgStore({ init: false });
      const store = new PgStore(url, { backupDir: tempDir() });
      await store.create(data);
      for (const { name, op, inputs } of cases) {
        // A query's cheaper attempts are needs too.
        const needsOf = (input: any) => [op.needs(input), ...((op as { attempts?: (i: unknown) => { needs: any }[] }).attempts?.(input) ?? []).map((a) => a.needs)];
        for (const needs of inputs.flatMap(needsOf)) {
          const loaded = await store.load(needs);
          const wanted = restrict(data, needs);
          const label = `${name} ${JSON.stringify(needs)}`;
          const comments = new Map(loaded.comments.map((c) => [c.id, c]));
          for (const c of wanted.comments) expect(comments.get(c.id), label).toEqual(c);
          const articles = new Map(loaded.articles.map((a) => [a.id, a]));
          for (const a of wanted.articles) expect(articles.get(a.id), label).toEqual(a);
          expect(loaded.settings, label).toEqual(wanted.settings);
          expect(loaded.nextCommentId, label).toBe(wanted.nextCommentId);
          // In the order the domain code relies on.
          expect(loaded.comments.map((c) => c.id), label).toEqual([...loaded.comments.map((c) => c.id)].sort((x, y) => x - y));
        }
        // A group commit loads, in one statement a table, what any of its posts needs.
        if (name === 'submit') {
          for (let size = 2; size <= inputs.length; size += 3) {
            const needs = inputs.slice(0, size).map((i) => op.needs(i));
            const loaded = await store.load(needs);
            const label = `a group: ${JSON.stringify(needs)}`;
            const comments = new Map(loaded.comments.map((c) => [c.id, c]));
            const articles = new Map(loaded.articles.map((a) => [a.id, a]));
            for (const wanted of needs.map((n) => restrict(data, n))) {
              for (const c of wanted.comments) expect(comments.get(c.id), label).toEqual(c);
              for (const a of wanted.articles) expect(articles.get(a.id), label).toEqual(a);
            }
            expect(loaded.comments.map((c) => c.id), label).toEqual([...loaded.comments.map((c) => c.id)].sort((x, y) => x - y));
            groups++;
          }
        }
      }
    }
    expect(groups).toBeGreaterThan(8);
  }, 120_000);
});

describe('the figures of rfa stats, kept summed by the database as it writes', () => {
  it('are the figures of the same store in memory: filled, after random operations, and after a migration fills them', async () => {
    const stores = fc.sample(grownStore, { numRuns: 6, seed: 5 });
    const steps = fc.sample(fc.tuple(fc.nat(OPERATIONS.length - 1), fc.nat(29)), { numRuns: 40, seed: 9 });
    const inputs = OPERATIONS.map(([, , input]) => fc.sample(input, { numRuns: 30, seed: 13 }));
    const at = new Date('2026-11-28T12:00:00.000Z');
    let changed = 0;
    for (const data of stores) {
      const url = await newPgStore({ init: false });
      const store = new PgStore(url, { backupDir: tempDir() });
      await store.create(data);
      let memory = structuredClone(data);
      const same = async (label: string) => {
        const kept = await store.figures();
        expect(statsFrom(kept, at), label).toEqual(statsFrom(figuresOf(memory), at));
        expect(kept.middleWaits, label).toEqual(figuresOf(memory).middleWaits);
      };
      await same('filled');
      for (const [k, n] of steps) {
        const [name, op] = OPERATIONS[k];
        const next = structuredClone(memory);
        const onMemory = attempt(() => op.run(next, inputs[k][n], at));
        const refused = await store.run(op, inputs[k][n], at).then(() => false, () => true);
        expect(refused, name).toBe(onMemory.error !== undefined);
        if (!refused) memory = next;
        if (!refused) changed++;
      }
      await same('after operations');
      await expectFiguresKept(store, 'summed');
      // A store of the schema before: its figures filled by the migration, from its comments.
      await sql(url, 'DROP TABLE rfa_waits; DROP TABLE rfa_decisions; DROP INDEX rfa_comments_pending_age; DROP INDEX rfa_comments_source; UPDATE rfa_schema SET version = 4');
      await same('migrated');
      expect(await sql(url, 'SELECT version FROM rfa_schema')).toEqual([{ version: PG_SCHEMA_VERSION }]);
    }
    expect(changed).toBeGreaterThan(20);
  }, 120_000);
});

describe('postgres:// store', () => {
  it('init creates the schema with its version; a second init is a conflict (4)', async () => {
    const url = await newPgStore({ init: false });
    const r = await rfa(['init', '--store', url]);
    expect(r.code).toBe(0);
    expect(await sql(url, 'SELECT version FROM rfa_schema')).toEqual([{ version: PG_SCHEMA_VERSION }]);
    expect((await rfa(['init', '--store', url])).code).toBe(4);
    const indexes = (await sql(url, `SELECT indexname FROM pg_indexes WHERE tablename = 'rfa_comments'`)).map((r: any) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['rfa_comments_queue', 'rfa_comments_article', 'rfa_comments_author']));
  });

  it('a database without a store, or with a newer schema: exit 1, nothing touched', async () => {
    const bare = await newPgStore({ init: false });
    const r = await rfa(['show', '--store', bare]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rfa init');
    const url = await newPgStore();
    await sql(url, 'UPDATE rfa_schema SET version = 99');
    for (const args of [['show'], ['comment', 'add', '--author', 'A', 'x'], ['moderate', 'queue']]) {
      const n = await rfa([...args, '--store', url]);
      expect(n.code, args.join(' ')).toBe(1);
      expect(n.stderr).toContain('newer');
    }
    expect(await sql(url, 'SELECT count(*)::int AS n FROM rfa_comments')).toEqual([{ n: 0 }]);
  });

  it('a password in a --store URL is not shown by ps while the command runs', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => {}); // accepts, never answers: the command waits on it
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as import('node:net').AddressInfo;
    const child = spawn(process.execPath, [BIN, 'show', '--store', `postgres://rfa_pw:hunter2@127.0.0.1:${port}/desk`], { env: cleanEnv(), stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 700));
      const shown = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      expect(shown).toContain('rfa.js show --store postgres://rfa_pw:***@');
      expect(shown).not.toContain('hunter2');
    } finally {
      child.kill('SIGKILL');
      silent.close();
    }
  });

  it('a server error naming a timeout setting is reported as it is, not as a connection timeout', async () => {
    const port = inject('pgPort');
    const r = await rfa(['show', '--store', `postgres://postgres@127.0.0.1:${port}/postgres?options=-c%20statement_timeout%3Dsoon`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('statement_timeout');
    expect(r.stderr).not.toContain('connection timed out');
  });

  it('connection problems exit 1 naming host, port and database, never the password', async () => {
    const port = inject('pgPort');
    const refused = await rfa(['show', '--store', 'postgres://rfa_pw:hunter2@127.0.0.1:1/desk']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('127.0.0.1:1, database desk: connection refused');
    const badPassword = await rfa(['show', '--store', `postgres://rfa_pw:hunter2@127.0.0.1:${port}/postgres`]);
    expect(badPassword.code).toBe(1);
    expect(badPassword.stderr).toContain(`127.0.0.1:${port}, database postgres: authentication failed for user rfa_pw`);
    const noDb = await rfa(['show', '--json', '--store', `postgres://postgres@127.0.0.1:${port}/no_such_db`]);
    expect(JSON.parse(noDb.stderr).error).toEqual({ code: 'STORE', subcode: 'STORE_UNREACHABLE', message: `cannot connect to PostgreSQL at 127.0.0.1:${port}, database no_such_db: database no_such_db does not exist` });
    const malformed = await rfa(['show', '--store', 'postgres://rfa_pw:hunter2@[bad/desk']);
    expect(malformed.code).toBe(2);
    for (const r of [refused, badPassword, noDb, malformed]) expect(r.stderr).not.toContain('hunter2');
    // The password may come from PGPASSWORD instead of the URL.
    const viaEnv = await rfa(['show', '--store', `postgres://rfa_pw@127.0.0.1:${port}/postgres`], { env: { PGPASSWORD: 'right-password' } });
    expect(viaEnv.stderr).toContain('no rfa store'); // connected and authenticated; that database holds no store
  });

  it('30 concurrent comment adds all succeed with distinct ids', async () => {
    const url = await newPgStore();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => rfa(['comment', 'add', '--author', `W${i}`, `Comment ${i}`, '--store', url])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const rows = await sql(url, 'SELECT id FROM rfa_comments ORDER BY id');
    expect(rows.map((r: any) => Number(r.id))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await expectCountsKept(url);
    expect((await rfa(['moderate', 'queue', '--format', 'count', '--store', url])).stdout).toBe('30\n');
  }, 60_000);

  it('restore while others read and write: no deadlock, never an empty store, no id handed out twice', async () => {
    const url = await newPgStore();
    for (let i = 0; i < 20; i++) await rfa(['comment', 'add', '--author', `R${i}`, `Before ${i}`, '--store', url]);
    const backup = (await rfa(['backup', '--dir', tempDir(), '--store', url])).stdout.trim();
    const before = await rfa(['comment', 'add', '--json', '--author', 'Late', 'after the backup', '--store', url]);
    const lateId = JSON.parse(before.stdout).id;
    const runs = await Promise.all([
      ...Array.from({ length: 4 }, () => rfa(['restore', backup, '--yes', '--store', url])),
      ...Array.from({ length: 16 }, (_, i) => rfa(['moderate', 'queue', '--status', 'all', '--format', 'count', '--store', url]).then((r) => ({ ...r, read: i }))),
      ...Array.from({ length: 12 }, (_, i) => rfa(['comment', 'add', '--json', '--author', `W${i}`, `During ${i}`, '--store', url])),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('deadlock');
    }
    // A reader sees the store before or after a restore, never the empty tables between.
    for (const r of runs.filter((x: any) => x.read !== undefined)) expect(Number(r.stdout)).toBeGreaterThanOrEqual(20);
    const given = runs.filter((r) => r.stdout.startsWith('{')).map((r) => JSON.parse(r.stdout).id);
    expect(given).toHaveLength(12);
    for (const id of given) expect(id).toBeGreaterThan(lateId);
    expect(new Set(given).size).toBe(12);
    const after = JSON.parse((await rfa(['comment', 'add', '--json', '--author', 'Z', 'after all', '--store', url])).stdout).id;
    expect(after).toBeGreaterThan(Math.max(lateId, ...given));
    await expectCountsKept(url);
  }, 60_000);

  it('concurrent approve and edit of one comment from two processes: neither update is lost', async () => {
    const url = await newPgStore();
    await rfa(['comment', 'add', '--author', 'A', 'Original.', '--store', url]);
    const [approve, edit] = await Promise.all([
      rfa(['moderate', 'approve', '1', '--as', 'alice', '--store', url]),
      rfa(['moderate', 'edit', '1', 'Edited.', '--as', 'bob', '--store', url]),
    ]);
    expect([approve.code, edit.code]).toEqual([0, 0]);
    const [c] = JSON.parse((await rfa(['moderate', 'queue', '--status', 'all', '--json', '--store', url])).stdout);
    expect(c).toMatchObject({ status: 'approved', body: 'Edited.' });
    expect(c.history.map((h: any) => h.action).sort()).toEqual(['approved', 'edited', 'submitted']);
    await expectCountsKept(url);
  });

  it('moderators deciding overlapping batches at once: every decision lands once, counts stay true', async () => {
    const url = await newPgStore({ init: false });
    expect((await rfa(['store', 'copy', '--to', url, '--store', writeBigStore(300, { pretty: true })])).code).toBe(0);
    const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
    const runs = await Promise.all([
      rfa(['moderate', 'approve', ...ids(1, 150), '--as', 'a', '--store', url]),
      rfa(['moderate', 'reject', ...ids(100, 250), '--as', 'b', '--store', url]),
      rfa(['moderate', 'approve', ...ids(200, 300), '--as', 'c', '--store', url]),
      rfa(['comment', 'add', '--author', 'New', 'Meanwhile.', '--store', url]),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    await expectCountsKept(url);
    const all = JSON.parse((await rfa(['moderate', 'queue', '--status', 'all', '--json', '--store', url])).stdout);
    expect(all).toHaveLength(301);
    for (const status of ['pending', 'approved', 'rejected']) {
      const n = all.filter((c: any) => c.status === status).length;
      expect((await rfa(['moderate', 'queue', '--status', status, '--format', 'count', '--store', url])).stdout).toBe(`${n}\n`);
    }
  }, 60_000);

  it('at a terminal, a writer kept waiting for the lock says so after about a second, naming the store without its password; piped, nothing', async () => {
    const url = (await newPgStore()).replace('://postgres@', '://postgres:s3cret@');
    const hold = async (ms: number) => {
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      await holder.query(`SELECT pg_advisory_lock(${0x7266_6131})`); // the store's lock key (store/pg/schema.ts)
      // Wrapped: an async function's promise of a promise would wait for the release itself.
      return { released: new Promise<void>((resolve) => setTimeout(() => void holder.end().then(resolve), ms)) };
    };
    let { released } = await hold(2500);
    const tty = await rfaOnTerminal(['comment', 'add', '--author', 'A', 'patient', '--store', url], { RFA_BACKUP_DIR: tempDir() });
    await released;
    expect(tty.code, tty.output).toBe(0);
    expect(tty.output).toMatch(/waiting for postgres:\/\/postgres@127\.0\.0\.1:\d+\/rfa_test_\w+: another rfa process holds its lock/);
    expect(tty.output).not.toContain('s3cret');
    ({ released } = await hold(2000));
    const piped = await rfa(['comment', 'add', '--author', 'B', 'quiet', '--store', url]);
    await released;
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    // A slow load that waits for no lock says nothing: reads never wait.
    const quick = await rfaOnTerminal(['comment', 'add', '--author', 'C', 'no wait', '--store', url], { RFA_BACKUP_DIR: tempDir() });
    expect(quick.output).not.toContain('waiting for');
  }, 30_000);

    it('a store of schema 1 is migrated by the first command that opens it, once', async () => {
    const url = await newPgStore();
    for (let i = 0; i < 4; i++) await rfa(['comment', 'add', '--author', `R${i}`, `Comment ${i}`, '--store', url]);
    await rfa(['moderate', 'approve', '1', '2', '--store', url]);
    // Schema 1 as it was: no counts table, no index by update time, sender or receipt, no figures.
    await sql(url, 'DROP TABLE rfa_counts; DROP INDEX rfa_comments_updated; DROP INDEX rfa_comments_sender; DROP INDEX rfa_comments_receipt; DROP TABLE rfa_waits; DROP TABLE rfa_decisions; DROP INDEX rfa_comments_pending_age; DROP INDEX rfa_comments_source; UPDATE rfa_schema SET version = 1');
    // Several at once: one migrates, the others wait for it or find it done.
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => rfa(['moderate', 'queue', '--status', i % 2 ? 'approved' : 'pending', '--format', 'count', '--store', url])),
    );
    expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual(Array.from({ length: 8 }, () => [0, '2\n', '']));
    expect(await sql(url, 'SELECT version FROM rfa_schema')).toEqual([{ version: PG_SCHEMA_VERSION }]);
    expect(await sql(url, `SELECT indexname FROM pg_indexes WHERE indexname = 'rfa_comments_updated'`)).toHaveLength(1);
    await expectCountsKept(url);
  });

  it('SIGKILL in the middle of a batch leaves all of it or none of it', async () => {
    const url = await newPgStore({ init: false });
    expect((await rfa(['store', 'copy', '--to', url, '--store', writeBigStore(900, { pretty: true })])).code).toBe(0);
    const ids = Array.from({ length: 900 }, (_, i) => String(i + 1));
    for (const delay of [40, 120, 250, 400]) {
      const child = spawn(process.execPath, [BIN, 'moderate', 'reject', ...ids, '--store', url], { env: cleanEnv(), stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const [{ n }] = await sql(url, `SELECT count(*)::int AS n FROM rfa_comments WHERE status = 'rejected'`);
      expect([0, 900]).toContain(n);
      await rfa(['moderate', 'approve', ...ids, '--store', url]); // back to a known state
    }
    await expectCountsKept(url);
  }, 120_000);

  it('backup of a database store is a gzip of its JSON (in members: it never needs one string), and restore brings it back', async () => {
    const big = writeBigStore(20_000, { status: (i) => (i % 2 ? 'approved' : 'pending') });
    const url = await newPgStore({ init: false });
    expect((await rfa(['store', 'copy', '--to', url, '--store', big])).code).toBe(0);
    const dir = tempDir();
    const backup = await rfa(['backup', '--dir', dir, '--store', url]);
    expect(backup.code, backup.stderr).toBe(0);
    const [name] = fs.readdirSync(dir);
    const gz = fs.readFileSync(path.join(dir, name));
    // More than one gzip member, read as one stream, holding the store as a file store would.
    expect(gz.subarray(10).includes(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(true);
    const asFile = path.join(tempDir(), 'as-file.json');
    expect((await rfa(['store', 'copy', '--to', asFile, '--store', url])).code).toBe(0);
    expect(zlib.gunzipSync(gz).toString('utf8')).toBe(fs.readFileSync(asFile, 'utf8'));
    const queue = async () => (await rfa(['moderate', 'queue', '--status', 'all', '--format', 'ndjson', '--store', url])).stdout;
    const before = await queue();
    expect((await rfa(['moderate', 'reject', '1', '2', '3', '--store', url])).code).toBe(0);
    const restore = await rfa(['restore', path.join(dir, name), '--yes', '--store', url]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await queue()).toBe(before);
    await expectCountsKept(url);
  }, 60_000);

  it('store copy moves the shipped store and a 100,000-comment store both ways, queues and files identical', async () => {
    const shipped = path.join(tempDir(), 'shipped.json');
    expect((await rfa(['init', '--store', shipped])).code).toBe(0);
    const statuses = ['pending', 'approved', 'approved', 'rejected'];
    const big = writeBigStore(100_000, { status: (i) => statuses[i % 4] });
    const queue = async (store: string) => {
      const r = await rfa(['moderate', 'queue', '--status', 'all', '--format', 'json', '--store', store]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    for (const [original, comments] of [[shipped, 0], [big, 100_000]] as const) {
      const pg = await newPgStore({ init: false });
      const there = await rfa(['store', 'copy', '--to', pg, '--store', original]);
      expect(there.code, there.stderr).toBe(0);
      expect(there.stdout).toContain(`${comments} comments`);
      const back = path.join(tempDir(), 'back.json');
      expect((await rfa(['store', 'copy', '--to', back, '--store', pg])).code).toBe(0);
      const expected = await queue(original);
      expect(JSON.parse(expected)).toHaveLength(comments);
      expect(await queue(pg)).toBe(expected);
      expect(await queue(back)).toBe(expected);
      // The file that comes back is the store that went, byte for byte (once rfa has written it: the fixture is compact JSON).
      const rewritten = path.join(tempDir(), 'rewritten.json');
      expect((await rfa(['store', 'copy', '--to', rewritten, '--store', original])).code).toBe(0);
      expect(fs.readFileSync(back, 'utf8')).toBe(fs.readFileSync(rewritten, 'utf8'));
      await expectCountsKept(pg);
    }
  }, 120_000);

  it('store copy moves a store both ways with identical queues; a non-empty target is exit 4', async () => {
    const json = await newStore();
    await rfa(['import', WXR, '--from', 'wxr', '--store', json]);
    await rfa(['moderate', 'reject', '5', '--code', 'abuse', '--store', json]);
    const pg = await newPgStore({ init: false });
    const there = await rfa(['store', 'copy', '--to', pg, '--store', json]);
    expect(there.code, there.stderr).toBe(0);
    const back = path.join(tempDir(), 'back.json');
    expect((await rfa(['store', 'copy', '--to', back, '--store', pg])).code).toBe(0);
    const queue = async (store: string) => (await rfa(['moderate', 'queue', '--status', 'all', '--format', 'json', '--store', store])).stdout;
    const original = await queue(json);
    expect(await queue(pg)).toBe(original);
    expect(await queue(back)).toBe(original);
    expect(fs.readFileSync(back, 'utf8')).toBe(fs.readFileSync(json, 'utf8'));
    await expectCountsKept(pg);
    const again = await rfa(['store', 'copy', '--to', pg, '--store', json]);
    expect(again.code).toBe(4);
  }, 60_000);
});
