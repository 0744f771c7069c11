// The real export files other projects published (../shared/fixtures beside the
// clone, as CI lays it out; the project does not copy them). Run apart from
// the suite by `npm run test:exports`: a fresh clone has no such folder.
// Counted from the files by hand (grep and a throw-away script), not by this code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeBatch, readBatch } from '../helpers/import';
import { readDisqus } from '../../src/import/disqus';
import { readWxr } from '../../src/import/wxr';
import { emptyStoreData } from '../../src/domain/store-data';
import { BACKENDS } from '../helpers/backends';
import { rfa, rfaJson } from '../helpers/rfa';

const DIR = path.resolve(__dirname, '../../../shared/fixtures');
if (!fs.existsSync(DIR)) {
  throw new Error(`npm run test:exports checks the real third-party export files in ${DIR}, which is not there: lay out shared/fixtures beside the clone (CI does), or run only npm test`);
}
const real = (name: string) => {
  const file = path.join(DIR, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing from shared/fixtures`);
  return file;
};
const WXR = real('wordpress-theme-unit-test.wxr.xml');
const DISQUS = real('disqus-sample.xml');

describe('readWxr on the WordPress theme unit test export', () => {
  it('finds 7 articles and 29 reader comments; skips 2 trackbacks and 2 pingbacks', async () => {
    const batch = await readBatch(readWxr, WXR);
    expect(batch.articles).toHaveLength(7);
    expect(batch.comments).toHaveLength(29);
    expect(batch.comments.filter((c) => c.status === 'approved')).toHaveLength(26);
    expect(batch.comments.filter((c) => c.status === 'pending')).toHaveLength(3);
    expect(batch.comments.filter((c) => c.parentKey !== null)).toHaveLength(10);
    expect(batch.skipped.map((s) => s.reason).sort()).toEqual(['pingback', 'pingback', 'trackback', 'trackback']);
    expect(batch.warnings).toEqual([]);
  });

  it('reads CDATA and plain values, GMT dates and Greek text', async () => {
    const batch = await readBatch(readWxr, WXR);
    const c = batch.comments.find((x) => x.key === '881')!;
    expect(c).toMatchObject({ author: 'John Γιάννης Doe Κάποιος', email: 'example@example.org', createdAt: '2012-09-03T17:18:04.000Z', status: 'approved' });
    expect(c.body).toMatch(/^Headings\n\nHeader one\n\nHeader two/);
    expect(c.body).toContain('E = MC2, which should lift the 2 up.');
  });

  it('merges with replies linked, and a second merge adds nothing', async () => {
    const data = emptyStoreData();
    expect((await mergeBatch(data, await readBatch(readWxr, WXR))).comments).toMatchObject({ added: 29, existing: 0, replies: 10 });
    expect((await mergeBatch(data, await readBatch(readWxr, WXR))).comments).toMatchObject({ added: 0, existing: 29 });
  });
});

describe('readDisqus on the sample', () => {
  it('finds 2 threads and 5 usable posts; skips the broken one with its line; reads past the stray backtick', async () => {
    const batch = await readBatch(readDisqus, DISQUS);
    expect(batch.articles.map((a) => a.id)).toEqual(['disqus-247918464', 'disqus-247937687']);
    expect(batch.articles[0].title).toBe('Радио-Т: Радио-Т 229');
    expect(batch.comments.map((c) => [c.key, c.status, c.code ?? null])).toEqual([
      ['299619020', 'approved', null],
      ['299744309', 'approved', null],
      ['299986072', 'approved', null],
      ['id:12345678890', 'approved', null],
      ['299986073', 'rejected', 'spam'],
    ]);
    expect(batch.skipped).toEqual([{ id: 'post x299986073 (line 135)', reason: "invalid id 'x299986073'", key: 'x299986073' }]);
    expect(batch.warnings[0]).toBe('line 1: stray text before the first tag, ignored');
    expect(batch.warnings).toContain('line 147: Unquoted attribute value; read on');
  });
});

describe.each(BACKENDS)('import on a $name store', ({ newStore, data: dataOf }) => {
  it('WordPress WXR: articles, comments per status, reply links', async () => {
    const store = await newStore({ empty: true });
    const first = await rfaJson(store, ['import', WXR, '--from', 'wxr']);
    expect(first.articles.added).toHaveLength(7);
    expect(first.comments).toEqual({ added: 29, existing: 0, byStatus: { pending: 3, approved: 26, rejected: 0 }, replies: 10 });
    expect(first.skipped).toHaveLength(4);
    const data = await dataOf(store);
    expect(data.comments).toHaveLength(29);
    const template = (await rfaJson(store, ['article', 'list'])).find((a: any) => a.id === 'template-comments');
    expect(template.counts).toEqual({ pending: 1, approved: 19, rejected: 0 });
    const again = await rfa(['import', WXR, '--from', 'wxr', '--store', store]);
    expect(again.stdout).toContain('Already here from an earlier import: 7 articles, 29 comments');
  });

  it('Disqus: threads, posts with spam rejected, the broken post reported with its line', async () => {
    const store = await newStore({ empty: true });
    const r = await rfa(['import', DISQUS, '--from', 'disqus', '--store', store]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Added 2 articles and 5 comments from Disqus XML (4 approved, 0 pending, 1 rejected; 0 replies).');
    expect(r.stdout).toContain("post x299986073 (line 135): invalid id 'x299986073'");
    expect(r.stdout).toContain('line 147: Unquoted attribute value');
    expect((await rfaJson(store, ['import', DISQUS, '--from', 'disqus'])).comments.added).toBe(0);
  });
});
