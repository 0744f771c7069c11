import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends';
import { writeBigStore } from '../helpers/big-store';
import { rfaOnTerminal } from '../helpers/pty';
import { newStore, readStore, rfa, rfaJson, ROOT, tempDir } from '../helpers/rfa';

const SEED = path.join(ROOT, 'data', 'article.txt');

describe('init', () => {
  it('creates a store holding the shipped article, and refuses to overwrite one', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'nested', 'desk.json');
    const first = await rfa(['init', '--store', store]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('japan-tight-lipped-on-report-of');
    const data = readStore(store);
    expect(data.version).toBe(1);
    expect(data.articles).toHaveLength(1);
    expect(data.comments).toEqual([]);

    const before = fs.readFileSync(store);
    const again = await rfa(['init', '--store', store]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('exists');
    expect(fs.readFileSync(store)).toEqual(before);
  });

  it('--empty creates a store with no articles', async () => {
    const store = path.join(tempDir(), 's.json');
    expect((await rfa(['init', '--empty', '--store', store])).code).toBe(0);
    expect(readStore(store).articles).toEqual([]);
    const show = await rfa(['show', '--store', store]);
    expect(show.code).toBe(3);
  });

  it('refuses to replace even a corrupt file', async () => {
    const store = path.join(tempDir(), 's.json');
    fs.writeFileSync(store, '{not json');
    const r = await rfa(['init', '--store', store]);
    expect(r.code).toBe(4);
    expect(fs.readFileSync(store, 'utf8')).toBe('{not json');
  });
});

describe('store location', () => {
  it('a named store that does not exist is an error naming it, for every command but init', async () => {
    const missing = path.join(tempDir(), 'typo.json');
    for (const args of [['show'], ['moderate', 'queue'], ['comment', 'add', '--author', 'A', 'text'], ['moderate', 'approve', '1'], ['article', 'list']]) {
      const r = await rfa([...args, '--store', missing]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(missing);
      expect(r.stderr).toContain('rfa init');
    }
    expect(fs.readdirSync(path.dirname(missing))).toEqual([]);
  });

  it('RFA_STORE is used when --store is absent, and --store wins over it', async () => {
    const a = await newStore();
    const b = await newStore();
    await rfaJson(a, ['comment', 'add', '--author', 'A', 'in a']);
    const viaEnv = await rfa(['moderate', 'queue', '--format', 'count'], { env: { RFA_STORE: a } });
    expect(viaEnv.stdout).toBe('1\n');
    const flagWins = await rfa(['moderate', 'queue', '--format', 'count', '--store', b], { env: { RFA_STORE: a } });
    expect(flagWins.stdout).toBe('0\n');
  });
});

// Everything a reader, a commenter and a moderator do, on both kinds of store.
describe.each(BACKENDS)('on a $name store', ({ newStore, data, snapshot }) => {
  it('moderate reopen takes decisions back (history "reopened"), all or nothing; ids may be written #12', async () => {
    const store = await newStore();
    await rfa(['comment', 'add', '--author', 'A', 'one', '--store', store]);
    await rfa(['comment', 'add', '--author', 'B', 'two', '--store', store]);
    expect((await rfa(['moderate', 'reject', '#1', '#2', '--code', 'spam', '--store', store])).code).toBe(0);
    const before = await snapshot(store);
    const unknown = await rfa(['moderate', 'reopen', '1', '99', '--store', store]);
    expect(unknown.code).toBe(3);
    expect(await snapshot(store)).toEqual(before);
    const r = await rfa(['moderate', 'reopen', '#1', '--reason', 'by mistake', '--as', 'alice', '--store', store]);
    expect([r.code, r.stdout]).toEqual([0, 'Reopened #1: pending again.\n']);
    const [c] = await rfaJson(store, ['moderate', 'queue']);
    expect(c.id).toBe(1);
    expect(c.history.at(-1)).toMatchObject({ action: 'reopened', by: 'alice', reason: 'by mistake' });
    expect((await rfa(['moderate', 'reopen', '1', '--store', store])).stdout).toBe('Already pending (or purged): #1 (unchanged).\n');
    expect((await rfa(['moderate', 'show', '#x', '--store', store])).code).toBe(2);
  });

  it('rejecting a rejected comment with another code or reason records it; "policy" is not a name a person may sign with', async () => {
    const store = await newStore();
    await rfa(['comment', 'add', '--author', 'A', 'one', '--store', store]);
    await rfa(['moderate', 'reject', '1', '--code', 'spam', '--store', store]);
    const again = await rfa(['moderate', 'reject', '1', '--code', 'abuse', '--reason', 'on reflection', '--store', store]);
    expect([again.code, again.stdout]).toEqual([0, 'Rejected #1.\n']);
    const same = await rfa(['moderate', 'reject', '1', '--code', 'abuse', '--store', store]);
    expect(same.stdout).toBe('Already rejected: #1 (unchanged).\n');
    const [c] = await rfaJson(store, ['moderate', 'queue', '--status', 'rejected']);
    expect(c.history.filter((h: any) => h.action === 'rejected').map((h: any) => h.code)).toEqual(['spam', 'abuse']);
    for (const as of [['--as', 'policy'], ['--as', 'Policy']]) expect((await rfa(['moderate', 'approve', '1', ...as, '--store', store])).code).toBe(2);
    expect((await rfa(['moderate', 'approve', '1', '--store', store], { env: { RFA_MODERATOR: 'policy' } })).code).toBe(2);
  });

  it('small courtesies: one comment is "1 comment"; a flood limit without its window warns; a backup folder that cannot be made fails at once', async () => {
    const store = await newStore();
    await rfa(['comment', 'add', '--author', 'A', 'one', '--store', store]);
    await rfa(['moderate', 'approve', '1', '--store', store]);
    expect((await rfa(['show', '--store', store])).stdout).toContain('1 comment\n');
    const exported = await rfa(['export', '--format', 'json', '--output', path.join(tempDir(), 'one.json'), '--store', store]);
    expect(exported.stderr).toMatch(/^Exported 1 comment to /);
    const shownPolicy = (await rfa(['policy', 'show', '--store', store])).stdout;
    expect(shownPolicy).toMatch(/^flood-max\s+0  \(off\)$/m);
    const warned = await rfa(['policy', 'set', 'flood-max', '3', '--store', store]);
    expect([warned.code, warned.stderr]).toEqual([0, 'warning: the flood rule is off until both flood-max (comments) and flood-window (minutes) are above 0; now 3 in 0 minutes\n']);
    expect((await rfa(['policy', 'set', 'flood-window', '10', '--store', store])).stderr).toBe('');
    expect((await rfa(['policy', 'show', '--store', store])).stdout).toMatch(/^flood-window\s+10 minutes$/m);
    const started = Date.now();
    const proc = await rfa(['backup', '--dir', '/proc/nope/x', '--store', store]);
    expect(proc.code).toBe(1);
    expect(proc.stderr).toContain('cannot make the backup folder /proc/nope');
    expect(Date.now() - started).toBeLessThan(10_000); // it once spun for ever
  });

  it('purging what is purged already asks nothing and takes no backup claiming to hold purged text', async () => {
    const store = await newStore();
    await rfa(['comment', 'add', '--author', 'A', 'erase me', '--store', store]);
    const first = await rfa(['moderate', 'purge', '1', '--reason', 'request', '--yes', '--store', store]);
    expect(first.stderr).toContain('it still holds the purged text');
    const again = await rfa(['moderate', 'purge', '1', '--reason', 'request', '--store', store]); // no --yes, no terminal: still fine
    expect([again.code, again.stdout, again.stderr]).toEqual([0, 'Already purged (unchanged).\n', '']);
  });

  it('moderate show of a reply names what it answers: the parent\'s author and first words', async () => {
    const store = await newStore();
    await rfa(['comment', 'add', '--author', 'Jane', 'The first comment, long enough to be cut somewhere along the way in a table row.', '--store', store]);
    await rfa(['moderate', 'approve', '1', '--store', store]);
    await rfa(['comment', 'add', '--author', 'Ken', '--reply-to', '1', 'I agree.', '--store', store]);
    const shown = (await rfa(['moderate', 'show', '2', '--store', store])).stdout;
    expect(shown).toMatch(/^Reply to {3}#1 Jane: "The first comment, long enough/m);
    for (const line of shown.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('an unknown --article is exit 3 everywhere, never an empty answer', async () => {
    const store = await newStore();
    for (const args of [['moderate', 'queue'], ['moderate', 'queue', '--format', 'count'], ['moderate', 'log'], ['moderate', 'log', '--since', '1h'], ['show'], ['export']]) {
      const r = await rfa([...args, '--article', 'nope', '--store', store]);
      expect([r.code, r.stdout], args.join(' ')).toEqual([3, '']);
      expect(r.stderr).toContain("no article with id 'nope'");
    }
  });

  it('--json errors carry a stable sub-code a script can branch on, beside the exit code', async () => {
    const store = await newStore();
    const err = async (args: string[], env: Record<string, string> = {}) => {
      const r = await rfa([...args, '--json', '--store', store], { env });
      return [r.code, JSON.parse(r.stderr).error.subcode];
    };
    await rfa(['comment', 'add', '--author', 'A', 'first', '--store', store]);
    expect(await err(['comment', 'add', '--author', 'A', 'first'])).toEqual([4, 'DUPLICATE']);
    expect(await err(['comment', 'add', '--author', 'B', '--reply-to', '1', 'to a pending one'])).toEqual([4, 'REPLY_TARGET']);
    await rfa(['policy', 'set', 'flood-max', '1', '--store', store]);
    await rfa(['policy', 'set', 'flood-window', '10', '--store', store]);
    expect(await err(['comment', 'add', '--author', 'A', 'second'])).toEqual([4, 'FLOOD_LIMIT']);
    await rfa(['policy', 'set', 'flood-max', '0', '--store', store]);
    await rfa(['article', 'close', 'japan-tight-lipped-on-report-of', '--store', store]);
    expect(await err(['comment', 'add', '--author', 'C', 'closed?'])).toEqual([4, 'ARTICLE_CLOSED']);
    expect(await err(['init'])).toEqual([4, 'ALREADY_EXISTS']);
  });

  async function storeWithComments() {
    const store = await newStore();
    const a = await rfaJson(store, ['comment', 'add', '--author', 'Jane Doe', '--email', 'jane@example.org', 'First comment.']);
    const b = await rfaJson(store, ['comment', 'add', '--author', 'Ken', 'Second comment.']);
    const c = await rfaJson(store, ['comment', 'add', '--author', 'Lee', 'Third comment.']);
    return { store, ids: [a.id, b.id, c.id] as number[] };
  }

  describe('show', () => {
    it('shows the article as a reader sees it, wrapped to --width', async () => {
      const store = await newStore();
      const r = await rfa(['show', '--store', store, '--width', '60']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('Japan tight-lipped on report of meeting with North Korea in');
      expect(r.stdout).toContain('By Taejun Kang for RFA');
      expect(r.stdout).toContain('Taipei, Taiwan');
      expect(r.stdout).toContain('(Issei Kato/Reuters)');
      expect(r.stdout).toContain('Edited by RFA Staff.');
      expect(r.stdout).toContain('No comments yet');
      expect(r.stdout).toMatch(/Add your comment by filling out the form/);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    });

    it('wraps to COLUMNS when piped, else 80', async () => {
      const store = await newStore();
      const narrow = await rfa(['show', '--store', store], { env: { COLUMNS: '40' } });
      expect(Math.max(...narrow.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(40);
      const wide = await rfa(['show', '--store', store]);
      const widest = Math.max(...wide.stdout.split('\n').map((l) => l.length));
      expect(widest).toBeLessThanOrEqual(80);
      expect(widest).toBeGreaterThan(70);
    });

    it('rejects a width that is not a positive integer', async () => {
      const store = await newStore();
      for (const w of ['0', '-3', 'abc', '2.5']) {
        const r = await rfa(['show', '--store', store, '--width', w]);
        expect(r.code, w).toBe(2);
      }
    });

    it('--json has the article fields and only public comment fields', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      await rfa(['moderate', 'reject', String(ids[1]), '--store', store]);
      const out = await rfaJson(store, ['show']);
      expect(Object.keys(out)).toEqual(['article', 'comments']);
      for (const key of ['id', 'title', 'subtitle', 'byline', 'dateline', 'image', 'body', 'editorNote', 'commentPolicy']) {
        expect(out.article).toHaveProperty(key);
      }
      expect(out.article.image).toEqual({
        caption: expect.stringMatching(/^Japan’s Chief Cabinet Secretary/),
        credit: 'Issei Kato/Reuters',
      });
      expect(out.article.body).toHaveLength(16);
      expect(out.comments).toHaveLength(1);
      expect(Object.keys(out.comments[0]).sort()).toEqual(['author', 'body', 'createdAt', 'edited', 'id', 'parentId']);
      expect(out.comments[0]).toMatchObject({ id: ids[0], author: 'Jane Doe', body: 'First comment.', edited: false, parentId: null });
    });

    it('never shows pending or rejected comments, nor e-mail addresses', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      await rfa(['moderate', 'reject', String(ids[1]), '--store', store]);
      const r = await rfa(['show', '--store', store]);
      expect(r.stdout).toContain('First comment.');
      expect(r.stdout).not.toContain('Second comment.');
      expect(r.stdout).not.toContain('Third comment.');
      expect(r.stdout).not.toContain('jane@example.org');
      expect(r.stdout).toContain('1 comment');
    });

    it('threads replies under their parent; a reply whose parent is no longer approved stands at top level', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      const reply = await rfaJson(store, ['comment', 'add', '--author', 'Mo', '--reply-to', String(ids[0]), 'A reply.']);
      await rfa(['moderate', 'approve', String(reply.id), '--store', store]);
      const threaded = await rfa(['show', '--store', store]);
      expect(threaded.stdout).toMatch(/\n {2}Mo · .*\n {2}A reply\./);
      expect((await rfaJson(store, ['show'])).comments[1].parentId).toBe(ids[0]);

      await rfa(['moderate', 'reject', String(ids[0]), '--store', store]);
      const orphan = await rfaJson(store, ['show']);
      expect(orphan.comments).toEqual([expect.objectContaining({ id: reply.id, parentId: null })]);
      const text = await rfa(['show', '--store', store]);
      expect(text.stdout).toMatch(/\nMo · .*\nA reply\./);
    });

    it('--no-comments leaves the comments out', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      const r = await rfa(['show', '--no-comments', '--store', store]);
      expect(r.stdout).not.toContain('First comment.');
      expect(r.stdout).toContain('Edited by RFA Staff.');
    });
  });

  describe('article', () => {
    it('imports an article, lists it with counts, and refuses a taken id', async () => {
      const store = await newStore();
      const file = path.join(tempDir(), 'story.txt');
      fs.writeFileSync(file, 'A second story\n\nBy Mi Rae\nSeoul\n\nFirst paragraph\ncontinues here.\n\nSecond paragraph.\n');
      const r = await rfa(['article', 'import', file, '--id', 'second', '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('second\n');
      const again = await rfa(['article', 'import', file, '--id', 'second', '--store', store]);
      expect(again.code).toBe(4);

      await rfaJson(store, ['comment', 'add', '--author', 'A', '--article', 'second', 'On the second.']);
      const list = await rfaJson(store, ['article', 'list']);
      expect(list).toEqual([
        { id: 'japan-tight-lipped-on-report-of', title: expect.any(String), counts: { pending: 0, approved: 0, rejected: 0 }, closed: false },
        { id: 'second', title: 'A second story', counts: { pending: 1, approved: 0, rejected: 0 }, closed: false },
      ]);
      const shown = await rfaJson(store, ['show', '--article', 'second']);
      expect(shown.article).toMatchObject({ byline: 'By Mi Rae', dateline: 'Seoul', body: ['First paragraph continues here.', 'Second paragraph.'] });
      const text = await rfa(['article', 'list', '--store', store]);
      expect(text.stdout).toMatch(/^second\s+1\s+0\s+0\s+A second story$/m);
    });

    it('the queue names each comment\'s article when it lists more than one, and fits 60 columns', async () => {
      const store = await newStore();
      const file = path.join(tempDir(), 'story.txt');
      fs.writeFileSync(file, 'A second story\n\nBody text.\n');
      await rfa(['article', 'import', file, '--id', 'second', '--store', store]);
      await rfaJson(store, ['comment', 'add', '--author', 'Aiko', '--article', 'second', 'On the second story.']);
      const one = await rfa(['moderate', 'queue', '--store', store]);
      expect(one.stdout).toMatch(/^#1 +\S+ +Aiko +On the second story\.$/m);
      await rfaJson(store, ['comment', 'add', '--author', 'Min-jun', '--article', 'japan-tight-lipped-on-report-of', 'On the first story.']);
      const both = await rfa(['moderate', 'queue', '--store', store]);
      expect(both.stdout).toMatch(/^#1 +\S+ +second +Aiko +On the second story\.$/m);
      expect(both.stdout).toMatch(/^#2 +\S+ +japan-tight-lipped-on-report-of +Min-jun +On the first story\.$/m);
      // At a narrow terminal, every row fits (the article's column gives way first).
      const narrow = await rfaOnTerminal(['moderate', 'queue', '--status', 'all', '--store', store], { NO_COLOR: '1' }, { cols: 60, rows: 40 });
      const rows = narrow.output.split('\n').filter((l) => l.startsWith('#') || l.startsWith('ID'));
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatch(/^ID +AGE +ARTICLE +STATUS +AUTHOR +TEXT$/);
      for (const row of rows) expect([...row].length).toBeLessThanOrEqual(60);
    });

    it('with several articles, a command that needs one asks which (2); an unknown id is 3', async () => {
      const store = await newStore();
      const file = path.join(tempDir(), 'story.txt');
      fs.writeFileSync(file, 'Another\n\nBody text.\n');
      await rfa(['article', 'import', file, '--store', store]);
      const ambiguous = await rfa(['show', '--store', store]);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toContain('--article');
      expect(ambiguous.stderr).toContain('another');
      const add = await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store]);
      expect(add.code).toBe(2);
      const unknown = await rfa(['show', '--article', 'nope', '--store', store]);
      expect(unknown.code).toBe(3);
    });

    it('reports what an article file lacks, and a file it cannot read (2)', async () => {
      const store = await newStore();
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'empty.txt'), '\n\n');
      fs.writeFileSync(path.join(dir, 'title-only.txt'), 'Just a title\n');
      const empty = await rfa(['article', 'import', path.join(dir, 'empty.txt'), '--store', store]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('title');
      const titleOnly = await rfa(['article', 'import', path.join(dir, 'title-only.txt'), '--store', store]);
      expect(titleOnly.code).toBe(2);
      expect(titleOnly.stderr).toContain('body');
      const missing = await rfa(['article', 'import', path.join(dir, 'nope.txt'), '--store', store]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('nope.txt');
      expect((await data(store)).articles).toHaveLength(1);
    });

    it('the shipped seed imports under a chosen id', async () => {
      const store = await newStore({ empty: true });
      const r = await rfaJson(store, ['article', 'import', SEED, '--id', 'mongolia']);
      expect(r).toMatchObject({ id: 'mongolia', byline: 'By Taejun Kang for RFA', editorNote: 'Edited by RFA Staff.' });
    });
  });

  describe('comment add', () => {
    it('stores a pending comment and says it waits for a moderator', async () => {
      const store = await newStore();
      const r = await rfa(['comment', 'add', '--author', 'Jane', 'Hello there.', '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/#1\b.*moderator/);
      const [c] = (await data(store)).comments;
      expect(c).toMatchObject({ id: 1, status: 'pending', author: 'Jane', body: 'Hello there.', email: null, parentId: null });
    });

    it('--json prints the moderator view', async () => {
      const store = await newStore();
      const c = await rfaJson(store, ['comment', 'add', '--author', 'Jane', '--email', 'j@example.org', 'Hi.']);
      for (const key of ['id', 'articleId', 'parentId', 'author', 'email', 'body', 'status', 'createdAt', 'updatedAt', 'history']) {
        expect(c).toHaveProperty(key);
      }
      expect(c.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(c.history).toEqual([{ action: 'submitted', at: c.createdAt, by: 'Jane' }]);
    });

    it('reads the text from stdin with "-" or when none is given', async () => {
      const store = await newStore();
      const dash = await rfaJson(store, ['comment', 'add', '--author', 'A', '-'], { input: 'From a pipe\r\nsecond line\n' });
      expect(dash.body).toBe('From a pipe\nsecond line');
      const none = await rfaJson(store, ['comment', 'add', '--author', 'B'], { input: 'Implicit stdin' });
      expect(none.body).toBe('Implicit stdin');
    });

    it('text that begins with a dash goes after --', async () => {
      const store = await newStore();
      const r = await rfa(['comment', 'add', '--author', 'A', '--store', store, '--json', '--', '--not-an-option']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).body).toBe('--not-an-option');
    });

    it('normalises text: NFC, CRLF, controls removed, trimmed', async () => {
      const store = await newStore();
      const c = await rfaJson(store, ['comment', 'add', '--author', '  Ame\u0301lie  ', '  Cafe\u0301\u0007 ok\r\n\tindented\u001b[31m  ']);
      expect(c.author).toBe('Amélie');
      expect(c.body).toBe('Café ok\n\tindented[31m');
    });

    it.each([
      [['--author', ''], 'x', 'author'],
      [['--author', 'x'.repeat(101)], 'x', 'author'],
      [['--author', 'A'], '   \n\t ', 'empty'],
      [['--author', 'A'], 'y'.repeat(5001), '5000'],
      [['--author', 'A', '--email', 'not-an-address'], 'x', 'e-mail'],
      [['--author', 'Line\nbreak'], 'x', 'author'],
    ])('refuses bad input %j with exit 2 and leaves the store untouched', async (flags, text, word) => {
      const store = await newStore();
      const before = (await snapshot(store));
      const r = await rfa(['comment', 'add', ...flags, '--store', store, '--', text]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(word);
      expect((await snapshot(store))).toEqual(before);
    });

    it('accepts exactly 5000 characters, counted in code points', async () => {
      const store = await newStore();
      const c = await rfaJson(store, ['comment', 'add', '--author', 'A', '😀'.repeat(5000)]);
      expect([...c.body]).toHaveLength(5000);
    });

    it('refuses binary stdin and empty stdin with exit 2', async () => {
      const store = await newStore();
      const binary = await rfa(['comment', 'add', '--author', 'A', '--store', store], { input: Buffer.from([0xff, 0xfe, 0x00, 0x81]) });
      expect(binary.code).toBe(2);
      expect(binary.stderr).toContain('UTF-8');
      const empty = await rfa(['comment', 'add', '--author', 'A', '--store', store], { input: '' });
      expect(empty.code).toBe(2);
      expect((await data(store)).comments).toEqual([]);
    });

    it('refuses a duplicate (4) naming the earlier id, but not after that copy was rejected', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Jane', 'Same words.']);
      const dup = await rfa(['comment', 'add', '--author', 'JANE', 'Same words.', '--store', store]);
      expect(dup.code).toBe(4);
      expect(dup.stderr).toContain('#1');
      await rfa(['moderate', 'reject', '1', '--store', store]);
      const retry = await rfa(['comment', 'add', '--author', 'Jane', 'Same words.', '--store', store]);
      expect(retry.code).toBe(0);
    });

    it('replies only to an existing (3), approved (4) comment', async () => {
      const { store, ids } = await storeWithComments();
      const missing = await rfa(['comment', 'add', '--author', 'A', '--reply-to', '99', 'x', '--store', store]);
      expect(missing.code).toBe(3);
      const pending = await rfa(['comment', 'add', '--author', 'A', '--reply-to', String(ids[0]), 'x', '--store', store]);
      expect(pending.code).toBe(4);
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      const ok = await rfaJson(store, ['comment', 'add', '--author', 'A', '--reply-to', String(ids[0]), 'x']);
      expect(ok.parentId).toBe(ids[0]);
      const badId = await rfa(['comment', 'add', '--author', 'A', '--reply-to', 'first', 'x', '--store', store]);
      expect(badId.code).toBe(2);
    });

    it('a missing --author is a usage error (2)', async () => {
      const store = await newStore();
      const r = await rfa(['comment', 'add', 'text', '--store', store]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--author');
    });
  });

  describe('moderate queue', () => {
    it('--offset pages through the queue with --limit, in every format; the table says which part of how many', async () => {
      const { store } = await storeWithComments();
      for (let i = 4; i <= 7; i++) await rfaJson(store, ['comment', 'add', '--author', `Reader ${i}`, `Comment ${i}.`]);
      const ids = async (...args: string[]) => (await rfa(['moderate', 'queue', '--format', 'ids', ...args, '--store', store])).stdout;
      expect(await ids('--limit', '3')).toBe('1 2 3\n');
      expect(await ids('--limit', '3', '--offset', '3')).toBe('4 5 6\n');
      expect(await ids('--limit', '3', '--offset', '6')).toBe('7\n');
      expect(await ids('--offset', '9')).toBe('');
      expect(await ids('--sort', 'newest', '--limit', '2', '--offset', '1')).toBe('6 5\n');
      expect((await rfa(['moderate', 'queue', '--format', 'count', '--limit', '3', '--offset', '5', '--store', store])).stdout).toBe('2\n');
      expect((await rfaJson(store, ['moderate', 'queue', '--limit', '2', '--offset', '2'])).map((c: any) => c.id)).toEqual([3, 4]);
      const page = await rfa(['moderate', 'queue', '--limit', '3', '--offset', '3', '--store', store]);
      expect(page.stdout.trimEnd().split('\n').map((l) => l.split(' ')[0])).toEqual(['#4', '#5', '#6']);
      expect(page.stderr).toBe('Showing 4–6 of 7; next: --offset 6.\n');
      expect((await rfa(['moderate', 'queue', '--limit', '3', '--offset', '6', '--store', store])).stderr).toBe('Showing 7–7 of 7.\n');
      expect((await rfa(['moderate', 'queue', '--offset', 'x', '--store', store])).code).toBe(2);
    });

    it('lists pending comments oldest first, in every format', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[1]), '--store', store]);

      const table = await rfa(['moderate', 'queue', '--store', store]);
      const rows = table.stdout.trimEnd().split('\n');
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/^#1\s+now\s+Jane Doe\s+First comment\.$/);
      expect(rows[1]).toMatch(/^#3\s+now\s+Lee\s+Third comment\.$/);

      expect((await rfa(['moderate', 'queue', '--format', 'ids', '--store', store])).stdout).toBe('1 3\n');
      expect((await rfa(['moderate', 'queue', '--format', 'count', '--store', store])).stdout).toBe('2\n');
      const json = await rfaJson(store, ['moderate', 'queue']);
      expect(json.map((c: any) => c.id)).toEqual([1, 3]);
      const ndjson = await rfa(['moderate', 'queue', '--format', 'ndjson', '--store', store]);
      expect(ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual([1, 3]);
      const csv = await rfa(['moderate', 'queue', '--format', 'csv', '--store', store]);
      expect(csv.stdout.split('\r\n')[0]).toBe('id,articleId,author,email,status,createdAt,body');
      expect(csv.stdout.split('\r\n')[1]).toMatch(/^1,japan-tight-lipped-on-report-of,Jane Doe,jane@example.org,pending,[^,]+,First comment\.$/);
    });

    it('filters by status, article, author (whole name, any case) and limit', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[1]), '--store', store]);
      const ids$ = async (...args: string[]) => (await rfa(['moderate', 'queue', '--format', 'ids', ...args, '--store', store])).stdout.trim();
      expect(await ids$('--status', 'approved')).toBe('2');
      expect(await ids$('--status', 'all')).toBe('1 2 3');
      expect(await ids$('--status', 'rejected')).toBe('');
      expect(await ids$('--author', 'jane doe')).toBe('1');
      expect(await ids$('--author', 'jane')).toBe('');
      expect(await ids$('--limit', '1')).toBe('1');
      expect(await ids$('--article', 'japan-tight-lipped-on-report-of')).toBe('1 3');
      expect((await rfa(['moderate', 'queue', '--status', 'maybe', '--store', store])).code).toBe(2);
      expect((await rfa(['moderate', 'queue', '--limit', '0', '--store', store])).code).toBe(2);
      expect((await rfa(['moderate', 'queue', '--format', 'xml', '--store', store])).code).toBe(2);
    });

    it('quotes CSV fields per RFC 4180', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Doe, Jane', 'He said "no",\nthen left.']);
      const csv = await rfa(['moderate', 'queue', '--format', 'csv', '--store', store]);
      expect(csv.stdout).toContain('"Doe, Jane"');
      expect(csv.stdout).toContain('"He said ""no"",\nthen left."\r\n');
    });

    it('protects CSV cells a spreadsheet would run as formulas; --csv-raw writes them as stored', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', '=HYPERLINK("http://evil.example","x")', '+1 call me']);
      expect((await rfa(['comment', 'add', '--author', '@SUM(A1)', '--store', store, '--', '-2+3'])).code).toBe(0);
      const csv = (await rfa(['moderate', 'queue', '--format', 'csv', '--store', store])).stdout.split('\r\n');
      expect(csv[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
      expect(csv[1]).toMatch(/,'\+1 call me$/);
      expect(csv[2]).toContain(",'@SUM(A1),");
      expect(csv[2]).toMatch(/,'-2\+3$/);
      const exported = (await rfa(['export', '--format', 'csv', '--store', store])).stdout;
      expect(exported).toContain("'@SUM(A1)");
      const raw = (await rfa(['moderate', 'queue', '--format', 'csv', '--csv-raw', '--store', store])).stdout.split('\r\n');
      expect(raw[2]).toContain(',@SUM(A1),');
      expect(raw[2]).toMatch(/,-2\+3$/);
      expect((await rfa(['export', '--format', 'csv', '--csv-raw', '--store', store])).stdout).toContain(',@SUM(A1),');
    });

    it('an empty queue prints nothing to stdout and says so on stderr', async () => {
      const store = await newStore();
      const r = await rfa(['moderate', 'queue', '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('No pending comments');
      expect((await rfa(['moderate', 'queue', '--format', 'ids', '--store', store])).stdout).toBe('');
      expect((await rfaJson(store, ['moderate', 'queue']))).toEqual([]);
    });

    it('--limit that cuts the table says how many there are, on stderr', async () => {
      const { store } = await storeWithComments();
      const cut = await rfa(['moderate', 'queue', '--limit', '2', '--store', store]);
      expect(cut.stdout.trimEnd().split('\n')).toHaveLength(2);
      expect(cut.stderr).toBe('Showing 2 of 3; next: --offset 2.\n');
      expect((await rfa(['moderate', 'queue', '--limit', '3', '--store', store])).stderr).toBe('');
      expect((await rfa(['moderate', 'queue', '--limit', '2', '--format', 'ids', '--store', store])).stderr).toBe('');
    });

    it('piped with no COLUMNS, rows are whole, so grep finds every word', async () => {
      const store = await newStore();
      const text = `${'word '.repeat(60)}needle`;
      await rfaJson(store, ['comment', 'add', '--author', 'A very long author name indeed, longer than twenty', text]);
      const r = await rfa(['moderate', 'queue', '--store', store]);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('A very long author name indeed, longer than twenty');
      expect(lines[0]).toMatch(/needle$/);
    });

    it('fits the table to the width, one line per comment', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'A very long author name indeed, longer than twenty', 'word '.repeat(200)]);
      const r = await rfa(['moderate', 'queue', '--store', store], { env: { COLUMNS: '50' } });
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].length).toBeLessThanOrEqual(50);
      expect(lines[0]).toMatch(/…$/);
    });
  });

  describe('moderate approve / reject', () => {
    it('changes status, records who and why, and prints the comments with --json', async () => {
      const { store, ids } = await storeWithComments();
      const approved = await rfaJson(store, ['moderate', 'approve', String(ids[0]), String(ids[1]), '--as', 'alice']);
      expect(approved.map((c: any) => [c.id, c.status])).toEqual([[1, 'approved'], [2, 'approved']]);
      expect(approved[0].history[1]).toMatchObject({ action: 'approved', by: 'alice' });

      const rejected = await rfaJson(store, ['moderate', 'reject', String(ids[1]), '--reason', 'off topic'], { env: { RFA_MODERATOR: 'bob' } });
      expect(rejected[0].status).toBe('rejected');
      expect(rejected[0].history.at(-1)).toMatchObject({ action: 'rejected', by: 'bob', reason: 'off topic' });
    });

    it('repeating the current status is a no-op that exits 0 and does not rewrite the file', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      const isFile = !store.startsWith('postgres://');
      const before = isFile ? fs.statSync(store) : undefined;
      const bytes = await snapshot(store);
      await new Promise((r) => setTimeout(r, 20));
      const again = await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('unchanged');
      expect(await snapshot(store)).toEqual(bytes);
      if (before) {
        expect(fs.statSync(store).ino).toBe(before.ino);
        expect(fs.statSync(store).mtimeMs).toBe(before.mtimeMs);
      }
    });

    it('a moderator may change their mind: rejected to approved', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'reject', String(ids[0]), '--store', store]);
      const [c] = await rfaJson(store, ['moderate', 'approve', String(ids[0])]);
      expect(c.status).toBe('approved');
      expect(c.history.map((h: any) => h.action)).toEqual(['submitted', 'rejected', 'approved']);
    });

    it('is all-or-nothing: an unknown id changes nothing and exits 3', async () => {
      const { store, ids } = await storeWithComments();
      const before = (await snapshot(store));
      const r = await rfa(['moderate', 'approve', String(ids[0]), '999', '--store', store]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('#999');
      expect((await snapshot(store))).toEqual(before);
    });

    it('no id (2), a bad id (2)', async () => {
      const store = await newStore();
      expect((await rfa(['moderate', 'approve', '--store', store])).code).toBe(2);
      expect((await rfa(['moderate', 'reject', '--store', store])).code).toBe(2);
      for (const bad of ['0', '-1', '1.5', 'x', '01x']) {
        expect((await rfa(['moderate', 'approve', '--store', store, '--', bad])).code, bad).toBe(2);
      }
    });

    it('approves everything in the queue via $(rfa moderate queue --format ids)', async () => {
      const { store } = await storeWithComments();
      const ids = (await rfa(['moderate', 'queue', '--format', 'ids', '--store', store])).stdout.trim().split(' ');
      const r = await rfa(['moderate', 'approve', ...ids, '--store', store]);
      expect(r.code).toBe(0);
      expect((await rfa(['moderate', 'queue', '--format', 'count', '--store', store])).stdout).toBe('0\n');
    });
  });

  describe('moderate edit', () => {
    it('replaces the body, keeps the old one in the history, keeps the status, marks it edited for readers', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'approve', String(ids[0]), '--store', store]);
      const c = await rfaJson(store, ['moderate', 'edit', String(ids[0]), 'Cleaned text.', '--reason', 'phone number', '--as', 'eve']);
      expect(c).toMatchObject({ body: 'Cleaned text.', status: 'approved' });
      expect(c.history.at(-1)).toMatchObject({ action: 'edited', by: 'eve', reason: 'phone number', previousBody: 'First comment.' });
      const shown = await rfaJson(store, ['show']);
      expect(shown.comments[0]).toMatchObject({ body: 'Cleaned text.', edited: true });
      expect((await rfa(['show', '--store', store])).stdout).toMatch(/Jane Doe · .*edited/);
    });

    it('takes text from stdin, refuses empty text, and an unknown id is 3', async () => {
      const { store, ids } = await storeWithComments();
      const c = await rfaJson(store, ['moderate', 'edit', String(ids[1]), '-'], { input: 'From stdin.' });
      expect(c.body).toBe('From stdin.');
      const empty = await rfa(['moderate', 'edit', String(ids[1]), '  ', '--store', store]);
      expect(empty.code).toBe(2);
      expect((await rfa(['moderate', 'edit', '77', 'x', '--store', store])).code).toBe(3);
    });

    it('the same text again changes nothing', async () => {
      const { store, ids } = await storeWithComments();
      const before = (await snapshot(store));
      const r = await rfa(['moderate', 'edit', String(ids[0]), 'First comment.', '--store', store]);
      expect(r.code).toBe(0);
      expect((await snapshot(store))).toEqual(before);
    });
  });

  describe('moderate show', () => {
    it('shows everything about one comment with its history', async () => {
      const { store, ids } = await storeWithComments();
      await rfa(['moderate', 'reject', String(ids[0]), '--reason', 'spam link', '--as', 'alice', '--store', store]);
      const r = await rfa(['moderate', 'show', String(ids[0]), '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Comment #1');
      expect(r.stdout).toContain('rejected');
      expect(r.stdout).toContain('jane@example.org');
      expect(r.stdout).toMatch(/submitted\s+by Jane Doe/);
      expect(r.stdout).toMatch(/rejected\s+by alice/);
      expect(r.stdout).toContain('reason: spam link');
      const json = await rfaJson(store, ['moderate', 'show', String(ids[0])]);
      expect(json.id).toBe(ids[0]);
      expect((await rfa(['moderate', 'show', '42', '--store', store])).code).toBe(3);
      expect((await rfa(['moderate', 'show', 'abc', '--store', store])).code).toBe(2);
    });
  });
});

describe('article list', () => {
  it('widens its count columns for counts past 9,999, keeping the columns lined up', async () => {
    const store = writeBigStore(23_456, { status: (i) => (i % 5 === 0 ? 'approved' : 'pending') });
    await rfa(['article', 'import', path.join(ROOT, 'data', 'article.txt'), '--store', store]);
    const lines = (await rfa(['article', 'list', '--store', store])).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^a {32}18764   4692      0  T$/);
    expect(lines[1]).toMatch(/^japan-tight-lipped-on-report-of {6}0 {6}0 {6}0  Japan/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('at 60 columns, article list and stats fit: a title that has no room beside a long id goes under it', async () => {
    const store = await newStore();
    const list = (await rfa(['article', 'list', '--store', store], { env: { COLUMNS: '60' } })).stdout.trimEnd().split('\n');
    expect(list).toHaveLength(2);
    expect(list[0]).toMatch(/^japan-tight-lipped-on-report-of {5}0 {5}0 {5}0$/);
    expect(list[1]).toMatch(/^ {2}Japan tight-lipped on report of meeting/);
    const stats = (await rfa(['stats', '--store', store], { env: { COLUMNS: '60' } })).stdout.split('\n');
    for (const line of [...list, ...stats]) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(stats).toContain('  japan-tight-lipped-on-report-of:');
  });
});

describe('usage, help and errors', () => {
  it('--version and --help with examples', async () => {
    const version = await rfa(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await rfa(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Example');
    for (const cmd of [['article'], ['comment'], ['moderate'], ['init'], ['show'], ['article', 'import'], ['article', 'list'], ['comment', 'add'], ['moderate', 'queue'], ['moderate', 'show'], ['moderate', 'approve'], ['moderate', 'reject'], ['moderate', 'edit']]) {
      const r = await rfa([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples?:\n {2}\$ rfa /);
    }
  });

  it('an unknown command suggests the right one (2); an unknown option is 2', async () => {
    const r = await rfa(['moderat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean moderate?');
    expect((await rfa(['show', '--colour'])).code).toBe(2);
  });

  it('a missing argument prints the usage line; an option of another command says whose it is', async () => {
    const store = await newStore();
    const missing = await rfa(['moderate', 'show', '--store', store]);
    expect([missing.code, missing.stderr]).toEqual([2, "error: missing required argument 'id'\nhint: usage: rfa moderate show [options] <id>\n"]);
    const author = await rfa(['comment', 'add', 'text', '--store', store]);
    expect(author.stderr).toContain('hint: usage: rfa comment add [options] [text]');
    const json = await rfa(['moderate', 'approve', '--json', '--store', store]);
    expect(JSON.parse(json.stderr).error).toEqual({ code: 'USAGE', message: "missing required argument 'ids'", hint: 'usage: rfa moderate approve [options] <ids...>' });
    const elsewhere = await rfa(['moderate', 'queue', '--reason', 'x', '--store', store]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toMatch(/hint: --reason is an option of 'rfa moderate approve' and 'rfa moderate reject' \(and \d+ more\), not of 'rfa moderate queue'\n$/);
    const show = await rfa(['show', '--author', 'x', '--store', store]);
    expect(show.stderr).toContain("hint: --author is an option of 'rfa comment add' and 'rfa moderate queue', not of 'rfa show'");
    // A near miss of the command's own option keeps commander's guess.
    expect((await rfa(['moderate', 'reject', '1', '--cod', 'spam', '--store', store])).stderr).toContain('Did you mean --code?');
  });

    it('a busy store and a corrupt or missing one are told apart by sub-code', async () => {
    const dir = tempDir();
    const missing = await rfa(['show', '--json', '--store', path.join(dir, 'nope.json')]);
    expect([missing.code, JSON.parse(missing.stderr).error.subcode]).toEqual([1, 'STORE_MISSING']);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{');
    const corrupt = await rfa(['show', '--json', '--store', bad]);
    expect([corrupt.code, JSON.parse(corrupt.stderr).error.subcode]).toEqual([1, 'STORE_CORRUPT']);
    fs.writeFileSync(bad, JSON.stringify({ version: 99, articles: [], comments: [], nextCommentId: 1 }));
    const newer = await rfa(['show', '--json', '--store', bad]);
    expect([newer.code, JSON.parse(newer.stderr).error.subcode]).toEqual([1, 'STORE_NEWER']);
  });

  it('installed (no git checkout), the default store is per user under $XDG_DATA_HOME/rfa, made on first use; store info says where', async () => {
    const pkg = tempDir();
    for (const part of ['bin', 'dist', 'package.json', 'data/article.txt']) fs.cpSync(path.join(ROOT, part), path.join(pkg, part), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules')); // its dependencies, as npm would install them
    const xdg = tempDir();
    const env = { XDG_DATA_HOME: xdg };
    const run = (args: string[]) => rfa(args, { env, bin: path.join(pkg, 'bin', 'rfa.js') });
    const shown = await run(['show']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Japan tight-lipped');
    const store = path.join(xdg, 'rfa', 'rfa.json');
    expect(fs.existsSync(store)).toBe(true);
    expect(fs.existsSync(path.join(pkg, 'data', 'rfa.json'))).toBe(false);
    const info = JSON.parse((await run(['store', 'info', '--json'])).stdout);
    expect(info).toMatchObject({ location: store, kind: 'file', articles: 1, comments: { pending: 0, approved: 0, rejected: 0 } });
    // Clone or install, the store is never the package folder's when the package is replaced.
    fs.rmSync(pkg, { recursive: true });
    expect(fs.existsSync(store)).toBe(true);
  });

  it('--json is one JSON document or a refusal: contradicting flags are exit 2 naming both', async () => {
    const store = await newStore();
    const out = path.join(tempDir(), 'x.json');
    for (const [args, both] of [
      [['moderate', 'queue', '--format', 'csv'], '--json and --format csv'],
      [['moderate', 'queue', '--format', 'table'], '--json and --format table'],
      [['moderate', 'queue', '--format', 'ids'], '--json and --format ids'],
      [['show', '--format', 'html'], '--json and --format html'],
      [['show', '--output', out], '--json and --output'],
      [['completion', 'bash'], '--json and completion'],
    ] as const) {
      const r = await rfa([...args, '--json', '--store', store]);
      expect([r.code, r.stdout], args.join(' ')).toEqual([2, '']);
      expect(JSON.parse(r.stderr).error.message).toContain(both);
    }
    expect(fs.existsSync(out)).toBe(false);
    expect((await rfa(['moderate', 'queue', '--format', 'json', '--json', '--store', store])).code).toBe(0);
  });

  it("a subcommand's help lists the global options it takes", async () => {
    const help = (await rfa(['moderate', 'approve', '--help'])).stdout;
    expect(help).toContain('Global Options:');
    for (const option of ['--store', '--json', '--as', '--no-color']) expect(help).toContain(option);
  });

  it('rfa help: a command\'s help, and the topics exit-codes, environment and article-format, fitted to 80 and 60 columns', async () => {
    const cmd = await rfa(['help', 'moderate', 'reject']);
    expect(cmd.code).toBe(0);
    expect(cmd.stdout).toBe((await rfa(['moderate', 'reject', '--help'])).stdout);
    const codes = await rfa(['help', 'exit-codes']);
    for (const sub of ['DUPLICATE', 'FLOOD_LIMIT', 'ARTICLE_CLOSED', 'REPLY_TARGET', 'STORE_BUSY', 'STORE_CORRUPT']) expect(codes.stdout).toContain(sub);
    expect((await rfa(['help', 'environment'])).stdout).toContain('RFA_DEBUG');
    expect((await rfa(['help', 'article-format'])).stdout).toContain('"By "');
    for (const columns of ['80', '60']) {
      for (const topic of ['exit-codes', 'environment', 'article-format']) {
        const r = await rfa(['help', topic], { env: { COLUMNS: columns } });
        for (const line of r.stdout.split('\n')) expect(line.length, `${topic} at ${columns}: ${line}`).toBeLessThanOrEqual(Number(columns));
      }
    }
    const unknown = await rfa(['help', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('exit-codes');
    expect((await rfa(['help'])).stdout).toContain('rfa help exit-codes');
  });

  it('RFA_STORE set but empty is a usage error, like --store \'\', not a silent fall-back', async () => {
    const r = await rfa(['show'], { env: { RFA_STORE: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RFA_STORE is set but empty');
  });

  it('with --json, errors are one JSON document on stderr and stdout is empty', async () => {
    const store = await newStore();
    const cases: [string[], number, string][] = [
      [['moderate', 'approve', '5'], 3, 'NOT_FOUND'],
      [['moderate', 'approve', 'x'], 2, 'INVALID_INPUT'],
      [['moderate', 'nope'], 2, 'USAGE'],
      [['comment', 'add', '--author', ''], 2, 'INVALID_INPUT'],
      [['init'], 4, 'CONFLICT'],
    ];
    for (const [args, code, name] of cases) {
      const r = await rfa([...args, '--store', store, '--json'], { input: 'text' });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stdout).toBe('');
      const err = JSON.parse(r.stderr);
      expect(err.error.code).toBe(name);
      expect(typeof err.error.message).toBe('string');
    }
    const missing = await rfa(['show', '--json', '--store', path.join(tempDir(), 'x.json')]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr).error.code).toBe('STORE');
  });

  it('global options work before or after the subcommand', async () => {
    const store = await newStore();
    const before = await rfa(['--store', store, '--json', 'moderate', 'queue']);
    const after = await rfa(['moderate', 'queue', '--store', store, '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });
});
