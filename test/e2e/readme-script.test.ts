// The README's shell script, taken from the README as it stands and run with sh
// against a temporary desk: every sub-code `comment add` can meet sends the file
// where the script says, and a store it cannot use stops the run with the
// documented exit status, losing no comment file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, newStore, readStore, rfa, rfaJson, ROOT, tempDir } from '../helpers/rfa';

const HOLDER = path.join(ROOT, 'test', 'helpers', 'hold-lock.cjs');

/** The script block of the README's "Scripting" section, with its /srv paths moved to `desk`. */
function readmeScript(desk: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const script = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!script) throw new Error('no #!/bin/sh block in the README');
  return script.replaceAll('/srv/', `${desk}/`);
}

function desk() {
  const root = tempDir();
  for (const dir of ['desk', 'inbox/closed', 'inbox/orphans', 'inbox/refused', 'reports', 'bin']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  // `rfa` on the PATH, as an installed one is.
  fs.writeFileSync(path.join(root, 'bin', 'rfa'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
  const script = path.join(root, 'nightly.sh');
  fs.writeFileSync(script, readmeScript(root));
  const inbox = (name: string, text: string) => fs.writeFileSync(path.join(root, 'inbox', name), text);
  const run = (env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('sh', [script], { env: cleanEnv({ PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, ...env }), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const files = (dir = '') => fs.readdirSync(path.join(root, 'inbox', dir)).filter((f) => f.endsWith('.txt')).sort();
  return { root, store: path.join(root, 'desk', 'comments.json'), inbox, run, files };
}

describe("the README's script", () => {
  it('acts on each sub-code as it says, and stops on a store it cannot use without losing a file', async () => {
    const d = desk();
    fs.copyFileSync(await newStore(), d.store);
    await rfa(['policy', 'set', 'flood-max', '2', '--store', d.store]);
    await rfa(['policy', 'set', 'flood-window', '60', '--store', d.store]);
    await rfaJson(d.store, ['comment', 'add', '--author', 'Dup', 'Same text.']);
    await rfaJson(d.store, ['comment', 'add', '--author', 'Flo', 'One.']);
    await rfaJson(d.store, ['comment', 'add', '--author', 'Flo', 'Two.']);
    await rfaJson(d.store, ['comment', 'add', '--author', 'Desk Editor', 'A correction was added.']);
    d.inbox('a.txt', 'Aiko\nA fine article.\n');
    d.inbox('b.txt', 'Dup\nSame text.\n'); // DUPLICATE: dropped
    d.inbox('c.txt', 'Flo\nThree.\n'); // FLOOD_LIMIT: kept for the next run
    d.inbox('d.txt', 'Empty\n'); // no text: exit 2, refused
    const first = await d.run();
    expect(first, first.stderr).toEqual({ code: 0, stderr: '' });
    expect(d.files()).toEqual(['c.txt']);
    expect(d.files('refused')).toEqual(['d.txt']);
    const comments = readStore(d.store).comments;
    expect(comments.filter((c: any) => c.author === 'Aiko').map((c: any) => c.body)).toEqual(['A fine article.']);
    expect(comments.filter((c: any) => c.author === 'Dup')).toHaveLength(1);
    expect(comments.find((c: any) => c.author === 'Desk Editor').status).toBe('approved');
    expect(fs.readFileSync(path.join(d.root, 'reports', 'comments.csv'), 'utf8')).toContain('A fine article.');
    expect(JSON.parse(fs.readFileSync(path.join(d.root, 'reports', 'decisions.json'), 'utf8'))[0]).toMatchObject({ action: 'approved', by: 'nightly-bot' });

    // A closed article: ARTICLE_CLOSED, moved aside.
    const [{ id }] = await rfaJson(d.store, ['article', 'list']);
    await rfa(['article', 'close', id, '--store', d.store]);
    d.inbox('e.txt', 'Eun\nToo late.\n');
    expect((await d.run()).code).toBe(0);
    expect(d.files('closed')).toEqual(['c.txt', 'e.txt']);
    await rfa(['article', 'open', id, '--store', d.store]);

    // A busy store: exit 75 (try again later), the file kept.
    d.inbox('f.txt', 'Fumi\nWhile it was busy.\n');
    const holder = spawn(process.execPath, [HOLDER, d.store, '4000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    const busy = await d.run({ RFA_LOCK_TIMEOUT: '0.5' });
    holder.kill();
    expect(busy.code).toBe(75);
    expect(d.files()).toEqual(['f.txt']);

    // A corrupt store: exit 1 with rfa's error for a human, the file kept, the store as it was.
    fs.writeFileSync(d.store, '{"version": 1, "articles": [');
    const corrupt = await d.run();
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain('"subcode":"STORE_CORRUPT"');
    expect(d.files()).toEqual(['f.txt']);
    expect(fs.readFileSync(d.store, 'utf8')).toBe('{"version": 1, "articles": [');
  }, 60_000);

  it('is a valid sh script', () => {
    const r = spawnSync('sh', ['-n'], { input: readmeScript(tempDir()), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
