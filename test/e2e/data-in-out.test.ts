import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends';
import { DISQUS, DISQUS_EDGES, WXR, WXR_EDGES } from '../helpers/fixtures';
import { BIN, cleanEnv, newStore, readStore, rfa, rfaJson, tempDir } from '../helpers/rfa';
import { commentId, parentOf, PER_POST, writeWxr } from '../helpers/wxr-file';


const backupsOf = (store: string) => {
  const dir = path.join(path.dirname(store), 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe.each(BACKENDS)('on a $name store', ({ name, newStore, data: dataOf, snapshot }) => {
  describe('import', () => {
    it('WordPress WXR: articles, comments per status, reply links; a second import adds nothing', async () => {
      const store = await newStore({ empty: true });
      const first = await rfaJson(store, ['import', WXR, '--from', 'wxr']);
      expect(first.articles.added).toEqual(['wind-farm-plan-approved', 'how-we-moderate']);
      expect(first.comments).toEqual({ added: 8, existing: 0, byStatus: { pending: 2, approved: 4, rejected: 2 }, replies: 4 });
      expect(first.skipped).toEqual([{ id: 'comment 106', reason: 'pingback' }, { id: 'comment 107', reason: 'trackback' }]);
      expect(first.backup).toMatch(/\.json\.\d{8}T\d{6}\.\d{3}Z\.gz$/);
      const data = await dataOf(store);
      expect(data.comments).toHaveLength(8);
      const byId = new Map(data.comments.map((c: any) => [c.id, c]));
      const replies = data.comments.filter((c: any) => c.parentId !== null);
      expect(replies).toHaveLength(4);
      for (const r of replies) expect((byId.get(r.parentId) as any).articleId).toBe(r.articleId);
      const wind = (await rfaJson(store, ['article', 'list'])).find((a: any) => a.id === 'wind-farm-plan-approved');
      expect(wind.counts).toEqual({ pending: 1, approved: 3, rejected: 2 });
      const spam = data.comments.find((c: any) => c.author === 'Cheap Pills');
      expect(spam.history.at(-1)).toMatchObject({ action: 'rejected', code: 'spam', by: 'import:wxr' });

      const before = (await snapshot(store));
      const again = await rfa(['import', WXR, '--from', 'wxr', '--store', store]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Added 0 articles and 0 comments');
      expect(again.stdout).toContain('Already here from an earlier import: 2 articles, 8 comments');
      expect((await snapshot(store))).toEqual(before);
      if (name === 'JSON file') expect(backupsOf(store)).toHaveLength(1); // nothing to add: no backup either
    });

    it('Disqus: threads, posts with spam rejected, the broken post reported with its line', async () => {
      const store = await newStore({ empty: true });
      const r = await rfa(['import', DISQUS, '--from', 'disqus', '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Added 2 articles and 9 comments from Disqus XML (7 approved, 0 pending, 2 rejected; 2 replies).'); // the thread without posts is no article
      expect(r.stdout).toContain("post bad-9009 (line 103): invalid id 'bad-9009'");
      expect(r.stdout).toContain("post 9010 (line 110): invalid date 'yesterday'");
      expect(r.stdout).toContain('line 123: Unquoted attribute value');
      expect(r.stdout).toContain('comment 9008: its parent 8000 is not in the file');
      const spam = (await dataOf(store)).comments.find((c: any) => c.author === 'Spammer');
      expect(spam.status).toBe('rejected');
      expect(spam.history.at(-1)).toMatchObject({ action: 'rejected', code: 'spam', by: 'import:disqus' });
      const second = await rfaJson(store, ['import', DISQUS, '--from', 'disqus']);
      expect(second.comments.added).toBe(0);
    });

    it('without --from, the format is told from the file: WXR, Disqus (past its stray byte) and an rfa export', async () => {
      const store = await newStore({ empty: true });
      expect((await rfaJson(store, ['import', WXR])).from).toBe('wxr');
      expect((await rfaJson(store, ['import', DISQUS])).from).toBe('disqus');
      const file = path.join(tempDir(), 'x.rfa.json');
      fs.writeFileSync(file, (await rfa(['export', '--store', store])).stdout);
      const again = await newStore({ empty: true });
      expect((await rfaJson(again, ['import', file])).from).toBe('rfa');
    });

    it('--dry-run says what would happen and writes nothing', async () => {
      const store = await newStore({ empty: true });
      const before = (await snapshot(store));
      const r = await rfa(['import', WXR, '--from', 'wxr', '--dry-run', '--store', store]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Would add 2 articles and 8 comments/);
      expect(r.stdout).toContain('comment 107: trackback');
      expect((await snapshot(store))).toEqual(before);
      if (name === 'JSON file') expect(backupsOf(store)).toEqual([]);
    });

    it('a file that is not what --from says: exit 2 with the line, store untouched', async () => {
      const store = await newStore({ empty: true });
      const before = (await snapshot(store));
      const wrongKind = await rfa(['import', WXR, '--from', 'disqus', '--store', store]);
      expect(wrongKind.code).toBe(2);
      expect(wrongKind.stderr).toMatch(/not a Disqus XML file: line \d+ starts <rss>, expected <disqus>/);
      const json = path.join(tempDir(), 'x.json');
      fs.writeFileSync(json, '{"not": "xml"}');
      const notXml = await rfa(['import', json, '--from', 'wxr', '--store', store]);
      expect(notXml.code).toBe(2);
      expect(notXml.stderr).toContain('line 1');
      const notExport = await rfa(['import', WXR, '--from', 'rfa', '--store', store]);
      expect(notExport.code).toBe(2);
      expect(notExport.stderr).toContain('line 1');
      expect((await rfa(['import', '/nonexistent.xml', '--from', 'wxr', '--store', store])).code).toBe(2);
      const text = path.join(tempDir(), 'notes.txt');
      fs.writeFileSync(text, 'just some notes\n');
      const undetected = await rfa(['import', text, '--store', store]);
      expect(undetected.code).toBe(2);
      expect(undetected.stderr).toContain('cannot tell what');
      expect(undetected.stderr).toContain('--from wxr|disqus|rfa');
      expect((await snapshot(store))).toEqual(before);
    });

    it('a file of several chunks, its dates not in file order: ids follow the dates across the file, replies link across chunks; a SIGKILL mid-way leaves none of it', async () => {
      const file = path.join(tempDir(), 'many.xml');
      const posts = 50;
      const total = await writeWxr(file, { posts }); // 2,500 comments: three chunks of the second reading
      for (const delay of [250, 450, 650]) {
        const store = await newStore({ empty: true });
        const before = await snapshot(store);
        const child = spawn(process.execPath, [BIN, 'import', file, '--store', store], { env: cleanEnv(), stdio: 'ignore' });
        const exited = new Promise((r) => child.once('exit', r));
        await new Promise((r) => setTimeout(r, delay));
        child.kill('SIGKILL');
        await exited;
        const after = await dataOf(store);
        if ((await snapshot(store)) !== before) expect(after.comments, `killed after ${delay} ms`).toHaveLength(total);
      }

      const store = await newStore({ empty: true });
      const r = await rfaJson(store, ['import', file]);
      expect(r.comments).toMatchObject({ added: total, existing: 0, replies: posts * 16 });
      const data = await dataOf(store);
      expect(data.comments).toHaveLength(total);
      expect(data.nextCommentId).toBe(total + 1);
      const ids = data.comments.map((c: any) => c.id);
      expect(ids).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const times = data.comments.map((c: any) => c.createdAt);
      expect(times).toEqual([...times].sort());
      expect(data.comments[1].source.id).toBe(String(commentId(2, 0))); // the second oldest is the first comment of the second post
      const bySource = new Map<string, any>(data.comments.map((c: any) => [c.source.id, c]));
      for (let post = 1; post <= posts; post++) {
        for (let k = 0; k < PER_POST; k++) {
          const c = bySource.get(String(commentId(post, k)));
          const parent = parentOf(post, k);
          expect(c.parentId === null ? 0 : Number(data.comments[c.parentId - 1].source.id)).toBe(parent);
          expect(c.articleId).toBe(`post-${post}`);
        }
      }
      const again = await rfaJson(store, ['import', file]);
      expect(again.comments).toMatchObject({ added: 0, existing: total });
      expect(again.backup).toBeNull();
      expect((await dataOf(store)).comments).toHaveLength(total);
    }, 60_000);

    it('two sites with the same ids are told apart by the blog address their files give; a file that gives none matches either', async () => {
      const harbour = path.join(tempDir(), 'harbour.xml');
      const valley = path.join(tempDir(), 'valley.xml');
      const bare = path.join(tempDir(), 'bare.xml');
      const total = await writeWxr(harbour, { posts: 4 }, 'https://harbour.example');
      await writeWxr(valley, { posts: 4 }, 'https://valley.example');
      await writeWxr(bare, { posts: 4 });
      const store = await newStore({ empty: true });
      expect((await rfaJson(store, ['import', harbour])).comments.added).toBe(total);
      const second = await rfaJson(store, ['import', valley]);
      expect(second.comments).toMatchObject({ added: total, existing: 0 });
      expect(second.articles.added).toHaveLength(4); // post-1 … again, under ids of their own
      for (const file of [harbour, valley, bare]) expect((await rfaJson(store, ['import', file])).comments).toMatchObject({ added: 0, existing: total });
      const data = await dataOf(store);
      expect(data.comments).toHaveLength(2 * total);
      expect(new Set(data.comments.map((c: any) => c.source.site))).toEqual(new Set(['https://harbour.example', 'https://valley.example']));
      // Replies stay within their own site.
      const byId = new Map<number, any>(data.comments.map((c: any) => [c.id, c]));
      for (const c of data.comments.filter((x: any) => x.parentId !== null)) expect(byId.get(c.parentId).source.site).toBe(c.source.site);
      // An rfa export of both, merged into a store that has only the first: the second's comments are added, not taken for the first's.
      const both = path.join(tempDir(), 'both.rfa.json');
      fs.writeFileSync(both, (await rfa(['export', '--store', store])).stdout);
      const onlyHarbour = await newStore({ empty: true });
      await rfaJson(onlyHarbour, ['import', harbour]);
      expect((await rfaJson(onlyHarbour, ['import', both])).comments).toMatchObject({ added: total, existing: total });
    }, 60_000);

    it('two imports of one file at once: the second waits for the first and adds nothing, so every comment is there once', async () => {
      const file = path.join(tempDir(), 'twice.xml');
      const total = await writeWxr(file, { posts: 30 });
      const store = await newStore({ empty: true });
      const [a, b] = await Promise.all([rfaJson(store, ['import', file]), rfaJson(store, ['import', file])]);
      expect([a.comments.added, b.comments.added].sort((x, y) => x - y)).toEqual([0, total]);
      const data = await dataOf(store);
      expect(data.comments).toHaveLength(total);
      expect(new Set(data.comments.map((c: any) => c.source.id)).size).toBe(total);
      expect(data.comments.map((c: any) => c.id)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }, 60_000);
  });

  describe('moving in loses nothing', () => {
    it('WXR: every item with reader comments is an article, whatever its type; no status is pending; long texts whole; hard HTML readable; closed and private sources closed', async () => {
      const store = await newStore({ empty: true });
      const dry = await rfa(['import', WXR_EDGES, '--from', 'wxr', '--dry-run', '--store', store]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('comment 44: pingback'); // the only record skipped
      const r = await rfaJson(store, ['import', WXR_EDGES, '--from', 'wxr']);
      expect(r.articles.added).toEqual(['no-type', 'photo', 'kettle', 'held', 'secret', 'draft']);
      expect(r.comments).toEqual({ added: 9, existing: 0, byStatus: { pending: 1, approved: 8, rejected: 0 }, replies: 0 });
      expect(r.skipped).toEqual([{ id: 'comment 44', reason: 'pingback' }]);
      expect(r.notes).toContain('comment 42: 6,999 characters, over the 5,000 a new comment may have; kept whole');
      expect(r.notes).toContain('comment 45: its parent 44 was skipped (pingback); it stands at top level');
      expect(r.notes).toContain("article secret: password-protected at its source: imported closed, its comments not shown to readers until 'rfa article publish secret'");
      expect(r.notes).toContain("article draft: a draft at its source: imported closed, its comments not shown to readers until 'rfa article publish draft'");
      expect(r.notes).toContain('article held: closed at its source: imported closed');
      const data = await dataOf(store);
      const by = (author: string) => data.comments.find((c: any) => c.author === author);
      expect(by('No Status').status).toBe('pending');
      expect(by('Historian').body).toHaveLength('Long history. '.repeat(500).trim().length);
      expect(by('Linker').body).toBe('See this page (https://example.org/x).\n\nTerm\n\nMeaning\n\n1 Harbour St\n\n1. first\n\n2. second');
      expect(data.articles.find((a: any) => a.id === 'kettle').title).toBe('Kettle “Classic”');
      const articles = new Map<string, any>(data.articles.map((a: any) => [a.id, a]));
      expect(articles.get('held')).toMatchObject({ closed: true });
      expect(articles.get('held').unpublished).toBeUndefined();
      expect(articles.get('secret')).toMatchObject({ closed: true, unpublished: true });
      // Not public at the source: not shown to readers, until a person says so.
      const hidden = await rfaJson(store, ['show', '--article', 'secret']);
      expect(hidden.comments).toEqual([]);
      expect((await rfa(['show', '--format', 'html', '--article', 'secret', '--store', store])).stdout).not.toContain('Only for those with the password');
      expect((await rfa(['article', 'publish', 'secret', '--store', store])).code).toBe(0);
      expect((await rfaJson(store, ['show', '--article', 'secret'])).comments.map((c: any) => c.author)).toEqual(['Insider']);
      expect((await rfa(['comment', 'add', '--author', 'New', 'closed?', '--article', 'held', '--store', store])).code).toBe(4);
    });

    it('Disqus: a deleted post with no text is kept (rejected, marked deleted) so its reply keeps its parent; closed and deleted threads are closed; only threads with posts; titles decoded', async () => {
      const store = await newStore({ empty: true });
      const r = await rfaJson(store, ['import', DISQUS_EDGES, '--from', 'disqus']);
      expect(r.articles.added).toEqual(['disqus-1', 'disqus-2', 'disqus-3']);
      expect(r.comments).toMatchObject({ added: 4, byStatus: { pending: 0, approved: 3, rejected: 1 }, replies: 1 });
      expect(r.skipped).toEqual([]);
      const data = await dataOf(store);
      const gone = data.comments.find((c: any) => c.author === 'Gone');
      expect(gone).toMatchObject({ status: 'rejected', body: '[deleted]' });
      expect(gone.history.at(-1)).toMatchObject({ action: 'rejected', code: 'other' });
      expect(data.comments.find((c: any) => c.author === 'Still Here').parentId).toBe(gone.id);
      const articles = new Map<string, any>(data.articles.map((a: any) => [a.id, a]));
      expect(articles.get('disqus-1').title).toBe('“Quoted” — and & more');
      expect(articles.get('disqus-1').closed).toBeUndefined();
      expect(articles.get('disqus-2')).toMatchObject({ closed: true });
      expect(articles.get('disqus-3')).toMatchObject({ closed: true, unpublished: true });
      expect((await rfaJson(store, ['show', '--article', 'disqus-3'])).comments).toEqual([]);
    });

    it('the wrong-format error names the line where the root start tag begins', async () => {
      const store = await newStore({ empty: true });
      const r = await rfa(['import', WXR, '--from', 'disqus', '--store', store]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('line 7 starts <rss>, expected <disqus>');
    });
  });

  describe('import --from rfa checks every record before writing', () => {
    const cases: [string, (doc: any) => void, RegExp][] = [
      ['a comment id that is not a number', (d) => (d.comments[0].id = 'abc'), /comment 1 in "comments": "id" must be a whole number/],
      ['two comments with one id', (d) => (d.comments[1].id = d.comments[0].id), /comment \d+: "id" is given to two comments/],
      ['an id of 1e300', (d) => (d.comments[0].id = 1e300), /"id" must be a whole number from 1/],
      ['an article that is true', (d) => (d.articles[0] = true), /article 1 in "articles" is not an object: true/],
      ['a comment on no article in the file', (d) => (d.comments[0].articleId = 'elsewhere'), /"articleId" names no article in the file: "elsewhere"/],
      ['a terminal escape in a name', (d) => (d.comments[0].author = 'Mal\u001b[2Jlory'), /"author" holds a control character/],
      ['a lone surrogate in a body', (d) => (d.comments[0].body = 'half \ud800 a pair'), /"body" holds a lone surrogate/],
      ['a status of its own', (d) => (d.comments[0].status = 'published'), /"status" must be one of pending, approved, rejected/],
      ['a date that is markup', (d) => (d.comments[0].createdAt = '<script>'), /"createdAt" must be an ISO 8601 time/],
      ['a history entry without a time', (d) => delete d.comments[0].history[0].at, /history entry 1: "at" must be an ISO 8601 time/],
      ['a next id below the comments', (d) => (d.nextCommentId = 1), /"nextCommentId" must be a whole number above every comment id/],
    ];
    it.each(cases)('refuses %s: exit 2 naming the record, store untouched', async (_, spoil, message) => {
      const source = await newStore();
      await rfaJson(source, ['comment', 'add', '--author', 'A', 'one']);
      await rfaJson(source, ['comment', 'add', '--author', 'B', 'two']);
      const doc = JSON.parse((await rfa(['export', '--store', source])).stdout);
      spoil(doc);
      const file = path.join(tempDir(), 'bad.rfa.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const target = await newStore();
      const before = await snapshot(target);
      const r = await rfa(['import', file, '--from', 'rfa', '--store', target]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('nothing was imported');
      expect(await snapshot(target)).toEqual(before);
      expect((await rfa(['show', '--store', target])).code).toBe(0);
    });
  });

  describe('export', () => {
    it('rfa format: export → import into an empty store → export again is byte for byte the same', async () => {
      const store = await newStore();
      await rfa(['import', WXR, '--from', 'wxr', '--store', store]);
      await rfa(['policy', 'add', 'suspect-words', 'idiot', '--store', store]);
      await rfaJson(store, ['comment', 'add', '--author', 'Jane', 'Hello', '--article', 'how-we-moderate']);
      await rfa(['moderate', 'reject', '9', '--code', 'off-topic', '--store', store]);
      const first = await rfa(['export', '--store', store]);
      expect(first.code).toBe(0);
      const file = path.join(tempDir(), 'desk.rfa.json');
      fs.writeFileSync(file, first.stdout);

      const copy = await newStore({ empty: true });
      const imported = await rfaJson(copy, ['import', file, '--from', 'rfa']);
      expect(imported.comments.added).toBe(9);
      const second = await rfa(['export', '--store', copy]);
      expect(second.stdout).toBe(first.stdout);
      // and again: nothing is added twice
      expect((await rfaJson(copy, ['import', file, '--from', 'rfa'])).comments).toMatchObject({ added: 0, existing: 9 });
    });

    it('into a store that has comments, an export is merged with new ids and parents remapped', async () => {
      const source = await newStore({ empty: true });
      await rfa(['import', WXR, '--from', 'wxr', '--store', source]);
      const file = path.join(tempDir(), 'x.json');
      await rfa(['export', '--output', file, '--store', source]);
      const target = await newStore();
      await rfaJson(target, ['comment', 'add', '--author', 'Local', 'already here']);
      const r = await rfaJson(target, ['import', file, '--from', 'rfa']);
      expect(r.comments).toMatchObject({ added: 8, replies: 4 });
      const data = await dataOf(target);
      expect(data.comments.map((c: any) => c.id)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
      for (const c of data.comments.filter((x: any) => x.parentId !== null)) expect(c.parentId).toBeGreaterThan(1);
      expect((await rfaJson(target, ['import', file, '--from', 'rfa'])).comments.added).toBe(0);
    });

    it('json, ndjson and csv as in the queue, filtered by article and status; --output writes atomically', async () => {
      const store = await newStore({ empty: true });
      await rfa(['import', WXR, '--from', 'wxr', '--store', store]);
      const pending = JSON.parse((await rfa(['export', '--format', 'json', '--status', 'pending', '--store', store])).stdout);
      expect(pending).toHaveLength(2);
      const nd = (await rfa(['export', '--format', 'ndjson', '--article', 'wind-farm-plan-approved', '--store', store])).stdout.trim().split('\n');
      expect(nd).toHaveLength(6);
      const out = path.join(tempDir(), 'c.csv');
      const r = await rfa(['export', '--format', 'csv', '--output', out, '--store', store]);
      expect(r.stdout).toBe('');
      expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe('id,articleId,author,email,status,createdAt,body');
      expect((await rfa(['export', '--article', 'nope', '--store', store])).code).toBe(3);
    });
  });
});

describe('backup and restore', () => {
  it('inputs have stated limits: gzip bombs and an oversized article are refused, naming the limit', async () => {
    const store = await newStore();
    const before = fs.readFileSync(store);
    // A backup is read as a stream: 513 MiB of spaces (~0.5 MB packed) cost time, not memory, and are no store.
    const bomb = path.join(tempDir(), 'bomb.json.gz');
    fs.writeFileSync(bomb, zlib.gzipSync(Buffer.alloc(513 * 2 ** 20, 0x20), { level: 9 }));
    const r = await rfa(['restore', bomb, '--yes', '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a store backup: an empty file');
    // One value of 100 MiB would be held whole: refused at the limit for one record.
    const long = path.join(tempDir(), 'long.json.gz');
    fs.writeFileSync(long, Buffer.concat([zlib.gzipSync('{"version": 1, "nextCommentId": 1, "articles": [], "comments": [{"body": "'), zlib.gzipSync(Buffer.alloc(100 * 2 ** 20, 0x61), { level: 9 })]));
    const l = await rfa(['restore', long, '--yes', '--store', store]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('longer than 64 Mi characters, the limit for one record');
    const big = path.join(tempDir(), 'article.txt');
    fs.writeFileSync(big, `Title\n\n${'word '.repeat(300_000)}`);
    const a = await rfa(['article', 'import', '/dev/stdin', '--store', store], { input: fs.readFileSync(big) });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('larger than 1 MiB, the limit for an article file');
    expect(fs.readFileSync(store)).toEqual(before);
  }, 60_000);

  it('after a restore, no id handed out before it is handed out again', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'one']);
    const backup = (await rfa(['backup', '--store', store])).stdout.trim();
    expect((await rfaJson(store, ['comment', 'add', '--author', 'B', 'two'])).id).toBe(2);
    expect((await rfa(['restore', backup, '--yes', '--store', store])).code).toBe(0);
    expect((await rfaJson(store, ['comment', 'add', '--author', 'C', 'three'])).id).toBe(3);
  });

  it('restore refuses a backup with a broken record: exit 2 naming it, store unchanged', async () => {
    const store = await newStore();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'kept']);
    const data = readStore(store);
    data.comments.push({ ...data.comments[0] }); // the same id twice
    const file = path.join(tempDir(), 'bad-backup.json.gz');
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(data)));
    const before = fs.readFileSync(store);
    const r = await rfa(['restore', file, '--yes', '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('comment 1: "id" is given to two comments');
    expect(fs.readFileSync(store)).toEqual(before);
  });


  it('backup writes a gzip copy and rotates to --keep', async () => {
    const store = await newStore();
    const dir = path.join(tempDir(), 'b');
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await rfa(['backup', '--dir', dir, '--keep', '2', '--store', store]);
      expect(r.code).toBe(0);
      names.push(path.basename(r.stdout.trim()));
    }
    expect(fs.readdirSync(dir).sort()).toEqual(names.slice(2).sort());
    const restored = zlib.gunzipSync(fs.readFileSync(path.join(dir, names[3]))).toString();
    expect(restored).toBe(fs.readFileSync(store, 'utf8'));
  });

  it('the backups taken before a purge, an import or a restore are never rotated away by a later rfa backup --keep', async () => {
    const store = await newStore();
    const before = await rfaJson(store, ['import', WXR]);
    expect(before.backup).toMatch(/\.json\.\d{8}T\d{6}\.\d{3}Z\.gz$/);
    const dir = path.dirname(before.backup);
    const rotated: string[] = [];
    for (let i = 0; i < 3; i++) rotated.push((await rfa(['backup', '--keep', '1', '--store', store])).stdout.trim());
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(before.backup), path.basename(rotated[2])].sort());
    // A kept backup is a gzip like any other: gunzip and restore read it.
    expect(JSON.parse(zlib.gunzipSync(fs.readFileSync(before.backup)).toString()).comments).toEqual([]);
    const r = await rfa(['restore', before.backup, '--yes', '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(readStore(store).comments).toEqual([]);
  });

  it('restore needs --yes without a terminal, backs up the current store first, and works over a corrupt one', async () => {
    const store = await newStore();
    const backup = (await rfa(['backup', '--store', store])).stdout.trim();
    await rfaJson(store, ['comment', 'add', '--author', 'A', 'after the backup']);
    const refused = await rfa(['restore', backup, '--store', store]);
    expect(refused.code).toBe(2);
    expect(readStore(store).comments).toHaveLength(1);

    fs.writeFileSync(store, '{corrupt');
    const r = await rfa(['restore', backup, '--yes', '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(readStore(store).comments).toEqual([]);
    const safety = backupsOf(store).map((n) => path.join(path.dirname(store), 'backups', n)).filter((f) => f !== backup);
    expect(safety.some((f) => zlib.gunzipSync(fs.readFileSync(f)).toString() === '{corrupt')).toBe(true);
  });

  it('refuses a file that is not a store (2), leaving the store untouched', async () => {
    const store = await newStore();
    const before = fs.readFileSync(store);
    const bad = path.join(tempDir(), 'bad.gz');
    fs.writeFileSync(bad, zlib.gzipSync('[1,2]'));
    expect((await rfa(['restore', bad, '--yes', '--store', store])).code).toBe(2);
    expect((await rfa(['restore', '/nonexistent.gz', '--yes', '--store', store])).code).toBe(2);
    expect(fs.readFileSync(store)).toEqual(before);
  });
});
