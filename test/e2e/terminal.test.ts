import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBigStore } from '../helpers/big-store';
import { rfaOnTerminal } from '../helpers/pty';
import { BIN, cleanEnv, newStore, readStore, rfa, rfaJson, tempDir } from '../helpers/rfa';

const ESC = '\u001b';

/** A store whose comment was edited by hand to hold terminal escapes and a bidi override. */
async function hostileStore() {
  const store = await newStore();
  await rfaJson(store, ['comment', 'add', '--author', 'Mallory', 'placeholder']);
  const data = readStore(store);
  Object.assign(data.comments[0], {
    author: `Mal${ESC}[2Jlory`,
    email: `m${ESC}]0;x\u0007@example.org`,
    body: `Hi ${ESC}]0;owned\u0007 there ${ESC}[31mred\u009b31m and \u202Eevil\u202C done`,
    status: 'approved',
  });
  fs.writeFileSync(store, JSON.stringify(data));
  return store;
}

const hasRawControl = (text: string) => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(text);

describe('terminal safety', () => {
  it('never passes control or bidi-override characters from the store to the terminal', async () => {
    const store = await hostileStore();
    for (const args of [['show'], ['moderate', 'queue', '--status', 'all'], ['moderate', 'show', '1'], ['article', 'list']]) {
      const r = await rfa([...args, '--store', store]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(hasRawControl(r.stdout), `${args.join(' ')}: ${JSON.stringify(r.stdout)}`).toBe(false);
    }
    const shown = await rfa(['moderate', 'show', '1', '--store', store]);
    expect(shown.stdout).toContain('\\x1B]0;owned\\x07');
    expect(shown.stdout).toContain('\\u202Eevil');
    expect(shown.stdout).toContain('\\x9B31m');
  });

  it('escapes control characters in every stored field, not only the texts: ids, statuses, dates, history, settings', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'Mallory', 'placeholder']);
    await rfa(['moderate', 'reject', '1', '--code', 'spam', '--as', 'alice', '--store', store]);
    const data = readStore(store);
    const evil = (name: string) => `${name}${ESC}]0;owned${'\u0007'}${ESC}[2J\u202E`;
    Object.assign(data.comments[0], { status: evil('rejected'), createdAt: evil('2026'), updatedAt: evil('2027') });
    Object.assign(data.comments[0].history[1], { action: evil('rejected'), at: evil('2026'), code: evil('spam'), by: evil('alice') });
    data.settings = { policy: { 'flood-max': evil('3') } };
    fs.writeFileSync(store, JSON.stringify(data));
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      for (const args of [['moderate', 'show', '1'], ['moderate', 'queue', '--status', 'all'], ['moderate', 'log'], ['stats'], ['policy', 'show'], ['article', 'list']]) {
        const r = await rfa([...args, '--store', store], { env });
        const out = (r.stdout + r.stderr).replace(/\u001b\[[0-9;]*m/g, '');
        expect(hasRawControl(out), `${args.join(' ')} ${JSON.stringify(env)}: ${JSON.stringify(r.stdout + r.stderr)}`).toBe(false);
      }
    }
  });

  it('with colour forced on, the only escapes are our own colour codes', async () => {
    const store = await hostileStore();
    const r = await rfa(['moderate', 'queue', '--status', 'all', '--store', store], { env: { FORCE_COLOR: '1' } });
    const withoutSgr = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(r.stdout).toContain(ESC);
    expect(hasRawControl(withoutSgr)).toBe(false);
  });

  it('JSON output keeps the stored text exactly (escaped by JSON itself)', async () => {
    const store = await hostileStore();
    const r = await rfa(['moderate', 'show', '1', '--json', '--store', store]);
    expect(r.stdout).not.toContain(ESC);
    expect(JSON.parse(r.stdout).body).toContain(`${ESC}[31mred`);
  });
});

describe('colour', () => {
  it('is off through a pipe, forced on by FORCE_COLOR, and --no-color wins over it', async () => {
    const store = await newStore();
    const piped = await rfa(['show', '--store', store]);
    expect(piped.stdout).not.toContain(ESC);
    const forced = await rfa(['show', '--store', store], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}[1m`);
    const noColor = await rfa(['show', '--no-color', '--store', store], { env: { FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('is on at a terminal, and NO_COLOR turns it off there', async () => {
    const store = await newStore();
    const tty = await rfaOnTerminal(['show', '--store', store]);
    expect(tty.code).toBe(0);
    expect(tty.output).toContain(`${ESC}[1m`);
    const noColor = await rfaOnTerminal(['show', '--store', store], { NO_COLOR: '1' });
    expect(noColor.output).not.toContain(ESC);
    expect(noColor.output).toContain('Japan tight-lipped');
    // Set but empty counts as unset, for both variables (no-color.org, force-color.org).
    const emptyForce = await rfaOnTerminal(['show', '--store', store], { NO_COLOR: '1', FORCE_COLOR: '' });
    expect(emptyForce.output).not.toContain(ESC);
    const emptyNoColor = await rfaOnTerminal(['show', '--store', store], { NO_COLOR: '' });
    expect(emptyNoColor.output).toContain(`${ESC}[1m`);
  });

  it('fits the terminal width, and the queue has a header at a terminal', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'Jane', 'word '.repeat(100)]);
    const r = await rfaOnTerminal(['moderate', 'queue', '--store', store], { NO_COLOR: '1' });
    const lines = r.output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+AGE\s+AUTHOR\s+TEXT$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('terminal input', () => {
  it('comment add with no text and a terminal on stdin exits 2 with a hint, without waiting', async () => {
    const store = await newStore();
    const r = await rfaOnTerminal(['comment', 'add', '--author', 'A', '--store', store]);
    expect(r.code).toBe(2);
    expect(r.output).toContain('no comment text');
    expect(r.output).toContain('pipe');
    expect(readStore(store).comments).toEqual([]);
  });

  it('moderate edit with no text at a terminal opens $EDITOR on the current body', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'Original text.']);
    const editor = path.join(tempDir(), 'editor.sh');
    // The fake editor proves it was shown the current body, then replaces it.
    fs.writeFileSync(editor, '#!/bin/sh\ngrep -q "Original text." "$1" && printf "Fixed in the editor.\\n" > "$1"\n', { mode: 0o755 });
    const r = await rfaOnTerminal(['moderate', 'edit', '1', '--store', store], { EDITOR: editor });
    expect(r.code).toBe(0);
    const c = readStore(store).comments[0];
    expect(c.body).toBe('Fixed in the editor.');
    expect(c.history.at(-1)).toMatchObject({ action: 'edited', previousBody: 'Original text.' });
  });

  it('an editor that fails or leaves the text empty changes nothing', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'Original text.']);
    const before = fs.readFileSync(store);
    const failing = await rfaOnTerminal(['moderate', 'edit', '1', '--store', store], { EDITOR: 'false' });
    expect(failing.code).toBe(2);
    const emptying = await rfaOnTerminal(['moderate', 'edit', '1', '--store', store], { EDITOR: 'truncate -s 0' });
    expect(emptying.code).toBe(2);
    expect(fs.readFileSync(store)).toEqual(before);
  });
});

describe('pipes', () => {
  it('piped into head, it ends quietly: no EPIPE trace, exit 0', () => {
    const store = writeBigStore(5000);
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" moderate queue --format ndjson --store "${store}" | head -1`], {
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('help to a reader that has already gone: no EPIPE trace, exit 0', () => {
    for (const args of ['--help', 'moderate --help']) {
      // `true` exits before rfa has started, so every write meets a closed pipe.
      const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" ${args} | true`], { env: cleanEnv(), encoding: 'utf8' });
      expect(r.stderr, args).toBe('');
      expect(r.status, args).toBe(0);
    }
  });

  it('large output is delivered whole', () => {
    const store = writeBigStore(5000);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" moderate queue --format ndjson --store "${store}" | wc -l`], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('5000');
  });
});

describe('times', () => {
  it('at a terminal, times are local with their offset ($TZ); piped and in --json, UTC', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'when?']);
    const utc = JSON.parse((await rfa(['moderate', 'show', '1', '--json', '--store', store], { env: { TZ: 'Asia/Kolkata' } })).stdout).createdAt;
    const d = new Date(utc);
    const local = new Date(d.getTime() + 330 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const tty = await rfaOnTerminal(['moderate', 'show', '1', '--no-color', '--store', store], { TZ: 'Asia/Kolkata' });
    expect(tty.output).toContain(`Submitted  ${local} +05:30`);
    const piped = await rfa(['moderate', 'show', '1', '--store', store], { env: { TZ: 'Asia/Kolkata' } });
    expect(piped.stdout).toContain(`Submitted  ${utc.slice(0, 16).replace('T', ' ')} UTC`);
    expect(utc).toMatch(/Z$/);
  });
});

describe('typing a comment at a terminal', () => {
  it("'comment add -' at a terminal says how to end the text instead of waiting in silence", async () => {
    const store = await newStore();
    // script's stdin is /dev/null here: the prompt shows, then end of input comes at once.
    const r = await rfaOnTerminal(['comment', 'add', '--author', 'A', '-', '--store', store]);
    expect(r.output).toContain('press Ctrl-D on a line of its own');
  });
});

describe('output to a non-blocking pipe', () => {
  it('a slow reader of a big ndjson queue gets every line, whole and in order', async () => {
    const store = writeBigStore(20_000);
    // A sibling node process that touches its stdout makes the shared pipe non-blocking
    // (O_NONBLOCK belongs to the open file description), as a parent's event loop would.
    const script = `node -e 'process.stdout.write(""); setTimeout(() => {}, 4000)' & exec node ${JSON.stringify(BIN)} moderate queue --format ndjson --store ${JSON.stringify(store)}`;
    const { spawn } = await import('node:child_process');
    const child = spawn('sh', ['-c', script], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.stdout.setEncoding('utf8');
    // Read slowly: a pause every chunk, so the pipe fills and the writer meets EAGAIN.
    child.stdout.on('data', (d) => {
      out += d;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(20_000);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
  }, 60_000);
});

describe('the pager', () => {
  const MARK = "sed 's/^/PAGED: /'";

  it('long output at a terminal goes through $RFA_PAGER, else $PAGER; short, piped and --json output never does', async () => {
    const store = await newStore();
    const paged = await rfaOnTerminal(['show', '--store', store], { RFA_PAGER: MARK, NO_COLOR: '1' });
    expect(paged.code).toBe(0);
    const lines = paged.output.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(40); // longer than the 40-row terminal
    expect(lines.every((l) => l.startsWith('PAGED: '))).toBe(true);
    expect(paged.output).toContain('PAGED: Japan tight-lipped');

    const viaPager = await rfaOnTerminal(['show', '--store', store], { RFA_PAGER: undefined, PAGER: "sed 's/^/P2: /'" });
    expect(viaPager.output).toMatch(/^P2: /);

    const short = await rfaOnTerminal(['article', 'list', '--store', store], { RFA_PAGER: MARK });
    expect(short.output).not.toContain('PAGED');
    expect(short.output).toContain('japan-tight-lipped-on-report-of');

    const json = await rfaOnTerminal(['show', '--json', '--store', store], { RFA_PAGER: MARK });
    expect(json.output).not.toContain('PAGED');

    const piped = await rfa(['show', '--store', store], { env: { RFA_PAGER: MARK } });
    expect(piped.stdout).not.toContain('PAGED');
    expect(piped.stdout).toContain('Japan tight-lipped');

    // A pager that is not there: the text comes out anyway.
    const missing = await rfaOnTerminal(['show', '--store', store], { RFA_PAGER: 'no-such-pager-here' });
    expect(missing.code).toBe(0);
    expect(missing.output).toContain('Japan tight-lipped');
    // PAGER=cat (or empty) means none.
    const none = await rfaOnTerminal(['show', '--store', store], { RFA_PAGER: undefined, PAGER: 'cat' });
    expect(none.output).toContain('Japan tight-lipped');
  }, 60_000);
});
