import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBigStore } from '../helpers/big-store';
import { rfaOnTerminal } from '../helpers/pty';
import { BIN, cleanEnv, newStore, readStore, rfa, rfaJson, ROOT, tempDir } from '../helpers/rfa';

const HOLDER = path.join(ROOT, 'test', 'helpers', 'hold-lock.cjs');

/** Starts a process that holds the store's lock for `ms`; resolves once it holds it. */
function holdLock(store: string, ms: number) {
  const child = spawn(process.execPath, [HOLDER, store, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return { child, ready, done: new Promise((r) => child.once('exit', r)) };
}

describe('concurrent writers', () => {
  it('30 simultaneous comment adds all succeed with 30 distinct ids', async () => {
    const store = await newStore();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rfa(['comment', 'add', '--author', `Writer ${i}`, `Comment from writer ${i}`, '--store', store])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const data = readStore(store);
    expect(data.comments).toHaveLength(30);
    expect(new Set(data.comments.map((c: any) => c.id)).size).toBe(30);
    expect(data.comments.map((c: any) => c.id).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(data.nextCommentId).toBe(31);
    expect(fs.readdirSync(path.dirname(store)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('a writer waits for a busy lock, and gives up with exit 1 after RFA_LOCK_TIMEOUT, writing nothing', async () => {
    const store = await newStore();
    const before = fs.readFileSync(store);
    const holder = holdLock(store, 2500);
    await holder.ready;
    const started = Date.now();
    const gaveUp = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store], { env: { RFA_LOCK_TIMEOUT: '1' } });
    const busy = await rfa(['comment', 'add', '--json', '--author', 'A', 'y', '--store', store], { env: { RFA_LOCK_TIMEOUT: '0.2' } });
    expect([busy.code, JSON.parse(busy.stderr).error.subcode]).toEqual([1, 'STORE_BUSY']);
    expect(gaveUp.code).toBe(1);
    expect(gaveUp.stderr).toContain('busy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fs.readFileSync(store)).toEqual(before);

    // With the default wait it goes ahead once the holder lets go: the lock was never taken from it.
    const waited = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store]);
    expect(waited.code).toBe(0);
    await holder.done;
    expect(readStore(store).comments).toHaveLength(1);
  });

  it('at a terminal, a writer kept waiting for the lock says so after about a second; piped, it says nothing', async () => {
    const store = await newStore();
    const holder = holdLock(store, 2500);
    await holder.ready;
    const tty = await rfaOnTerminal(['comment', 'add', '--author', 'A', 'patient', '--store', store]);
    expect(tty.code).toBe(0);
    expect(tty.output).toContain(`waiting for ${store}: another rfa process holds its lock`);
    await holder.done;
    const again = holdLock(store, 2000);
    await again.ready;
    const piped = await rfa(['comment', 'add', '--author', 'B', 'quiet', '--store', store]);
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    await again.done;
  }, 30_000);

  it('RFA_LOCK_TIMEOUT past what a timer can wait (24.8 days) is a usage error, not a broken write', async () => {
    const store = await newStore();
    const r = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store], { env: { RFA_LOCK_TIMEOUT: '2147484' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RFA_LOCK_TIMEOUT is at most');
    expect((await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store], { env: { RFA_LOCK_TIMEOUT: '2147483' } })).code).toBe(0);
  });

  it('read-only commands take no lock and never write', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'x']);
    const before = fs.statSync(store);
    const bytes = fs.readFileSync(store);
    const holder = holdLock(store, 5000);
    await holder.ready;
    const started = Date.now();
    for (const args of [['show'], ['show', '--json'], ['moderate', 'queue'], ['moderate', 'show', '1'], ['article', 'list']]) {
      const r = await rfa([...args, '--store', store], { env: { RFA_LOCK_TIMEOUT: '0' } });
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect(Date.now() - started).toBeLessThan(4500);
    holder.child.kill('SIGKILL');
    expect(fs.readFileSync(store)).toEqual(bytes);
    expect(fs.statSync(store).mtimeMs).toBe(before.mtimeMs);
    expect(fs.statSync(store).ino).toBe(before.ino);
  });
});

describe('crashes', () => {
  it('SIGKILL at any moment leaves the old or the new store, and the next writer goes ahead within 2 s', async () => {
    const store = writeBigStore(20_000, { pretty: true, status: (i) => (i % 3 === 0 ? 'pending' : 'approved') });
    let count = 20_000;
    for (let trial = 0; trial < 8; trial++) {
      const child = spawn(process.execPath, [BIN, 'comment', 'add', '--author', `Killed ${trial}`, 'text', '--store', store], { env: cleanEnv(), stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      // From before the lock is taken to past the rename, across the trials.
      await new Promise((r) => setTimeout(r, 60 + trial * 60));
      child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();

      const data = readStore(store); // throws if the file is not whole JSON
      expect([count, count + 1]).toContain(data.comments.length);
      count = data.comments.length;

      const next = await rfa(['comment', 'add', '--author', `Next ${trial}`, 'after the kill', '--store', store]);
      expect(next.code, next.stderr).toBe(0);
      expect(Date.now() - killedAt).toBeLessThan(2000 + 1500); // 2 s to get the lock, plus the write itself on a 9 MB store
      count += 1;
      expect(readStore(store).comments).toHaveLength(count);
      expect(fs.readdirSync(path.dirname(store)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
  }, 120_000);

  it('a writer killed while holding the lock does not block the next one', async () => {
    const store = await newStore();
    const holder = holdLock(store, 60_000);
    await holder.ready;
    holder.child.kill('SIGKILL');
    await holder.done;
    const started = Date.now();
    const r = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store], { env: { RFA_LOCK_TIMEOUT: '2' } });
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('temporary files left by killed writers are removed by the next writer', async () => {
    const store = await newStore();
    const dir = path.dirname(store);
    const stale = path.join(dir, `.store.json.99999-deadbeef.tmp`);
    const unrelated = path.join(dir, 'notes.tmp');
    fs.writeFileSync(stale, '{"half": ');
    fs.writeFileSync(unrelated, 'keep me');
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'x']);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });
});

describe('what others leave beside the store', () => {
  it('a lock file deleted while writers run: no comment lost, no id given twice', async () => {
    const store = await newStore();
    const lock = `${store}.lock`;
    let deleting = true;
    const vandal = (async () => {
      while (deleting) {
        fs.rmSync(lock, { force: true });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => rfa(['comment', 'add', '--json', '--author', `Writer ${i}`, `Comment ${i}`, '--store', store])),
    );
    deleting = false;
    await vandal;
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const acknowledged = results.map((r) => JSON.parse(r.stdout).id);
    expect(acknowledged.length).toBe(40);
    const stored = readStore(store).comments.map((c: any) => c.id);
    expect(new Set(acknowledged).size).toBe(40);
    expect(stored.sort((a: number, b: number) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
  }, 60_000);

  it('the full-size temporary file of a killed store copy is removed by the next copy to that target', async () => {
    const store = await newStore();
    const dir = tempDir();
    const target = path.join(dir, 'copy.json');
    const left = path.join(dir, '.copy.json.99999-deadbeef.tmp'); // as a copy killed mid-write leaves it
    fs.writeFileSync(left, 'x'.repeat(100_000));
    expect((await rfa(['store', 'copy', '--to', target, '--store', store])).code).toBe(0);
    expect(fs.existsSync(left)).toBe(false);
    expect(readStore(target).articles).toHaveLength(1);
  });

  it('init over an existing file refuses (exit 4) and leaves no stray .lock beside it', async () => {
    const file = path.join(tempDir(), 'notes.json');
    fs.writeFileSync(file, 'not a store');
    const r = await rfa(['init', '--store', file]);
    expect(r.code).toBe(4);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.json']);
  });

  it('a folder or a live writer\'s file named like a stale temp file is left alone, and writes go on', async () => {
    const store = await newStore();
    const dir = path.dirname(store);
    const folder = path.join(dir, '.store.json.12345-abcdef01.tmp');
    fs.mkdirSync(folder);
    const live = path.join(dir, `.store.json.${process.pid}-0badcafe.tmp`); // this test's own process is running
    fs.writeFileSync(live, 'in use');
    const r = await rfa(['comment', 'add', '--author', 'A', 'still works', '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
    expect(fs.readFileSync(live, 'utf8')).toBe('in use');
    expect(readStore(store).comments).toHaveLength(1);
  });
});

describe('the file on disk', () => {
  it('new stores, backups and exports are private (0600); a copy never widens the mode', async () => {
    const store = await newStore();
    expect(fs.statSync(store).mode & 0o777).toBe(0o600);
    const dir = tempDir();
    const backup = await rfaJson(store, ['backup', '--dir', dir]);
    expect(fs.statSync(backup.backup).mode & 0o777).toBe(0o600);
    const out = path.join(dir, 'export.json');
    expect((await rfa(['export', '--output', out, '--store', store])).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    // An existing, wider output file is narrowed, not kept wide.
    fs.chmodSync(out, 0o644);
    expect((await rfa(['export', '--output', out, '--store', store])).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const copy = path.join(dir, 'copy.json');
    expect((await rfa(['store', 'copy', '--to', copy, '--store', store])).code).toBe(0);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
  });

  it('--output onto a planted symlink replaces the link and never writes through it', async () => {
    const store = await newStore();
    const dir = tempDir();
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(dir, 'out.json');
    fs.symlinkSync(victim, out);
    expect((await rfa(['export', '--output', out, '--store', store])).code).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(false);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).articles).toHaveLength(1);
  });

  it('a store made read-only (chmod a-w) is refused with exit 1, not rewritten', async () => {
    const store = await newStore();
    fs.chmodSync(store, 0o444);
    const before = fs.readFileSync(store);
    const r = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('read-only');
    expect(fs.readFileSync(store)).toEqual(before);
    expect(fs.statSync(store).mode & 0o777).toBe(0o444);
    expect((await rfa(['show', '--store', store])).code).toBe(0); // reading is fine
  });

  it('keeps the store file mode across writes', async () => {
    const store = await newStore();
    fs.chmodSync(store, 0o600);
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'x']);
    expect(fs.statSync(store).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlinked store and keeps the link', async () => {
    const real = await newStore();
    const link = path.join(tempDir(), 'link.json');
    fs.symlinkSync(real, link);
    await rfaJson(link, ['comment', 'add', '--author', 'A', 'via link']);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readStore(real).comments[0].body).toBe('via link');
  });

  it('is human-readable JSON with a version field', async () => {
    const store = await newStore();
    const text = fs.readFileSync(store, 'utf8');
    expect(text).toMatch(/^\{\n {2}"version": 1,\n/);
  });

  it('never reuses an id, even after the newest comment is gone from a hand-edited store', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'one']);
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'two']);
    const data = readStore(store);
    data.comments.pop();
    fs.writeFileSync(store, JSON.stringify(data));
    const c = await rfaJson(store, ['comment', 'add', '--author', 'A', 'three']);
    expect(c.id).toBe(3);
  });
});

describe('a corrupt store', () => {
  it('a record edited by hand into nonsense is named with its field, not reported in JavaScript', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'hello']);
    for (const [field, value, says] of [['author', 42, '"author" must be a string, not 42'], ['body', ['x'], '"body" must be a string'], ['history', 'x', '"history" must be a list']] as const) {
      const data = readStore(store);
      const saved = data.comments[0][field];
      data.comments[0][field] = value;
      fs.writeFileSync(store, JSON.stringify(data));
      const before = fs.readFileSync(store);
      const r = await rfa(['moderate', 'show', '1', '--store', store]);
      expect(r.code, field).toBe(1);
      expect(r.stderr).toContain(`holds a record rfa cannot use: comment 1: ${says}`);
      expect(r.stderr).not.toMatch(/is not a function|Cannot read properties|undefined/);
      expect(fs.readFileSync(store)).toEqual(before);
      data.comments[0][field] = saved;
      fs.writeFileSync(store, JSON.stringify(data));
    }
  });


  const cases: [string, string, RegExp][] = [
    ['invalid JSON', '{"version": 1, "articles": [', /not valid JSON/],
    ['not a store', '[1, 2, 3]', /not an rfa store/],
    ['missing fields', '{"version": 1}', /not an rfa store/],
    ['a newer version', '{"version": 99, "nextCommentId": 1, "articles": [], "comments": []}', /newer/],
    ['empty', '', /not valid JSON/],
  ];
  it.each(cases)('%s: every command exits 1 naming the file, and leaves it byte for byte', async (_name, content, message) => {
    const store = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(store, content);
    const commands = [
      ['show'],
      ['article', 'list'],
      ['moderate', 'queue'],
      ['moderate', 'show', '1'],
      ['comment', 'add', '--author', 'A', 'x'],
      ['moderate', 'approve', '1'],
      ['moderate', 'reject', '1'],
      ['moderate', 'edit', '1', 'new'],
      ['article', 'import', path.join(ROOT, 'data', 'article.txt')],
    ];
    for (const args of commands) {
      const r = await rfa([...args, '--store', store]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(store);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readFileSync(store, 'utf8')).toBe(content);
  });
});
