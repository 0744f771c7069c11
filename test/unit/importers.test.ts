import { describe, expect, it } from 'vitest';
import { DISQUS, WXR } from '../helpers/fixtures';
import { mergeBatch } from '../../src/domain/importing';
import { readDisqus } from '../../src/import/disqus';
import { htmlToText } from '../../src/import/html-text';
import { readWxr } from '../../src/import/wxr';
import { emptyStoreData } from '../../src/store/schema';


describe('htmlToText', () => {
  it('keeps paragraphs, line breaks, entities, links and image descriptions', () => {
    expect(htmlToText('<p>One &amp; two</p><p>Three<br>four &#8217;s &hellip;</p>')).toBe('One & two\n\nThree\nfour ’s …');
    expect(htmlToText('See <a href="https://example.org/x">this page</a>.')).toBe('See this page (https://example.org/x).');
    expect(htmlToText('<a href="https://example.org">https://example.org</a>')).toBe('https://example.org');
    expect(htmlToText('<a href="http://blogs.example.com/a/b/c.aspx">http://blogs.example.com/a/...</a>')).toBe('http://blogs.example.com/a/b/c.aspx');
    expect(htmlToText('<img src="x.jpg" alt="A wind farm" /> and <b>bold</b> &lt;tag&gt;')).toBe('[image: A wind farm] and bold <tag>');
  });
});

// Counted from the files by hand (grep and a throw-away script), not by this code.
describe('readWxr on the WordPress theme unit test export', () => {
  it('finds 7 articles and 29 reader comments; skips 2 trackbacks and 2 pingbacks', async () => {
    const batch = await readWxr(WXR);
    expect(batch.articles).toHaveLength(7);
    expect(batch.comments).toHaveLength(29);
    expect(batch.comments.filter((c) => c.status === 'approved')).toHaveLength(26);
    expect(batch.comments.filter((c) => c.status === 'pending')).toHaveLength(3);
    expect(batch.comments.filter((c) => c.parentKey !== null)).toHaveLength(10);
    expect(batch.skipped.map((s) => s.reason).sort()).toEqual(['pingback', 'pingback', 'trackback', 'trackback']);
    expect(batch.warnings).toEqual([]);
  });

  it('reads CDATA and plain values, GMT dates and Greek text', async () => {
    const batch = await readWxr(WXR);
    const c = batch.comments.find((x) => x.key === '881')!;
    expect(c).toMatchObject({ author: 'John Γιάννης Doe Κάποιος', email: 'example@example.org', createdAt: '2012-09-03T17:18:04.000Z', status: 'approved' });
    expect(c.body).toMatch(/^Headings\n\nHeader one\n\nHeader two/);
    expect(c.body).toContain('E = MC2, which should lift the 2 up.');
  });
});

describe('readDisqus on the sample', () => {
  it('finds 2 threads and 5 usable posts; skips the broken one with its line; reads past the stray backtick', async () => {
    const batch = await readDisqus(DISQUS);
    expect(batch.articles.map((a) => a.id)).toEqual(['disqus-247918464', 'disqus-247937687']);
    expect(batch.articles[0].title).toBe('Радио-Т: Радио-Т 229');
    expect(batch.comments.map((c) => [c.key, c.status, c.code ?? null])).toEqual([
      ['299619020', 'approved', null],
      ['299744309', 'approved', null],
      ['299986072', 'approved', null],
      ['id:12345678890', 'approved', null],
      ['299986073', 'rejected', 'spam'],
    ]);
    expect(batch.skipped).toEqual([{ id: 'post x299986073 (line 135)', reason: "invalid id 'x299986073'" }]);
    expect(batch.warnings[0]).toBe('line 1: stray text before the first tag, ignored');
    expect(batch.warnings).toContain('line 147: Unquoted attribute value; read on');
  });
});

describe('mergeBatch', () => {
  it('links replies to their parents’ new ids, and a second merge adds nothing', async () => {
    const data = emptyStoreData();
    const batch = await readWxr(WXR);
    const first = mergeBatch(data, batch);
    expect(first.comments).toMatchObject({ added: 29, existing: 0, replies: 10 });
    for (const c of data.comments.filter((x) => x.parentId !== null)) {
      const parent = data.comments.find((p) => p.id === c.parentId)!;
      expect(parent.articleId).toBe(c.articleId);
      expect(parent.id).toBeLessThan(c.id);
    }
    const ids = data.comments.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const again = mergeBatch(data, await readWxr(WXR));
    expect(again.comments).toMatchObject({ added: 0, existing: 29 });
    expect(again.articles).toEqual({ added: [], existing: 7 });
    expect(data.comments).toHaveLength(29);
  });

  it('a parent missing from the file leaves the reply at top level with a note', () => {
    const data = emptyStoreData();
    const report = mergeBatch(data, {
      from: 'disqus',
      articles: [{ key: 't', id: 'disqus-t', title: 'T', createdAt: '2020-01-01T00:00:00.000Z', link: null, body: [] }],
      comments: [{ key: '2', articleKey: 't', parentKey: '1', author: 'A', email: null, body: 'orphan', createdAt: '2020-01-02T00:00:00.000Z', status: 'approved' }],
      skipped: [],
      warnings: [],
    });
    expect(data.comments[0].parentId).toBeNull();
    expect(report.notes).toEqual(['comment 2: its parent 1 is not in the file; it stands at top level']);
  });
});
