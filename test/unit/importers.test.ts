import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISQUS, WXR, WXR_10, WXR_11 } from '../helpers/fixtures';
import { mergeBatch, readBatch } from '../helpers/import';
import { readDisqus } from '../../src/import/disqus';
import { htmlToText } from '../../src/import/html-text';
import { readWxr } from '../../src/import/wxr';
import { emptyStoreData } from '../../src/domain/store-data';


describe('htmlToText', () => {
  it('keeps paragraphs, line breaks, entities, links and image descriptions', () => {
    expect(htmlToText('<p>One &amp; two</p><p>Three<br>four &#8217;s &hellip;</p>')).toBe('One & two\n\nThree\nfour ’s …');
    expect(htmlToText('See <a href="https://example.org/x">this page</a>.')).toBe('See this page (https://example.org/x).');
    expect(htmlToText('<a href="https://example.org">https://example.org</a>')).toBe('https://example.org');
    expect(htmlToText('<a href="http://blogs.example.com/a/b/c.aspx">http://blogs.example.com/a/...</a>')).toBe('http://blogs.example.com/a/b/c.aspx');
    expect(htmlToText('<img src="x.jpg" alt="A wind farm" /> and <b>bold</b> &lt;tag&gt;')).toBe('[image: A wind farm] and bold <tag>');
  });
});

describe('htmlToText on hostile input', () => {
  it('is linear: 2 MB of "<a " or "<!--" with no end takes well under the seconds it once took (120 s)', () => {
    for (const junk of ['<a '.repeat(660_000), '<!--'.repeat(500_000), '<b x="'.repeat(330_000)]) {
      const started = Date.now();
      htmlToText(junk);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect(htmlToText('keep <!-- open comment to the end')).toBe('keep');
  });
});

// Counts as written into the fixtures (test/fixtures/, each file's header says what it holds).
describe('readWxr', () => {
  it('WXR 1.2: 2 articles, 8 reader comments by status; pingback and trackback skipped; a post without comments is no article', async () => {
    const batch = await readBatch(readWxr, WXR);
    expect(batch.articles.map((a) => a.id)).toEqual(['wind-farm-plan-approved', 'how-we-moderate']);
    expect(batch.comments.map((c) => [c.key, c.status, c.code ?? null, c.parentKey])).toEqual([
      ['101', 'approved', null, null],
      ['102', 'approved', null, '101'],
      ['103', 'pending', null, '102'],
      ['104', 'rejected', 'spam', '103'],
      ['105', 'rejected', 'other', null],
      ['108', 'approved', null, '999'],
      ['201', 'approved', null, null],
      ['202', 'pending', null, '201'],
    ]);
    expect(batch.skipped).toEqual([{ id: 'comment 106', reason: 'pingback', key: '106' }, { id: 'comment 107', reason: 'trackback', key: '107' }]);
    expect(batch.warnings).toEqual([]);
  });

  it('reads CDATA (one split around "]]>") and plain values, entities, numeric references, Cyrillic, Greek, CJK and emoji', async () => {
    const batch = await readBatch(readWxr, WXR);
    const [wind, page] = batch.articles;
    expect(wind).toMatchObject({ title: 'Wind farm plan approved — with conditions', createdAt: '2024-03-05T08:00:00.000Z', link: 'https://gazette.example/2024/03/wind-farm/' });
    expect(wind.body).toEqual(['The council approved the plan on Tuesday.', 'Code sample: a[b[0]]> is valid.']);
    expect(page.title).toBe('How we moderate comments');
    const byKey = new Map(batch.comments.map((c) => [c.key, c]));
    expect(byKey.get('101')).toMatchObject({ author: 'Иван Петров', email: 'ivan@example.org', createdAt: '2024-03-05T09:15:00.000Z' });
    expect(byKey.get('101')!.body).toBe('First paragraph & more.\n\nSecond line\nbroken here.');
    expect(byKey.get('102')).toMatchObject({ author: 'Γιάννης', body: 'Agreed & thanks — really 👍' });
    expect(byKey.get('103')).toMatchObject({ author: '山田太郎', email: null, body: '風力発電所 😀 see the report (https://example.org/wind?a=1&b=2)' });
    expect(byKey.get('201')!.body).toBe('[image: A chart of replies] Points:\n\n- fair\n\n- fast');
    // An unknown GMT date ("0000-00-00 00:00:00") falls back to the local one.
    expect(byKey.get('202')).toMatchObject({ body: 'Held for review <really>.', createdAt: '2024-01-03T09:00:00.000Z' });
  });

  it('a slug with a broken %-escape becomes an id, not a "URI malformed" abort', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-wxr-')), 'broken-slug.xml');
    fs.writeFileSync(file, fs.readFileSync(WXR_10, 'utf8').replace('<wp:post_name>harbour-reopens</wp:post_name>', '<wp:post_name>caf%c3-news</wp:post_name>'));
    const batch = await readBatch(readWxr, file);
    expect(batch.articles.map((a) => a.id)).toEqual(['caf-c3-news']);
    expect(batch.comments).toHaveLength(1);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('reads WXR 1.1 and 1.0 namespaces alike', async () => {
    const v11 = await readBatch(readWxr, WXR_11);
    expect(v11.articles.map((a) => a.id)).toEqual(['ferry-timetable']);
    expect(v11.comments.map((c) => [c.key, c.status, c.parentKey])).toEqual([['7', 'approved', null], ['8', 'pending', '7']]);
    const v10 = await readBatch(readWxr, WXR_10);
    expect(v10.articles.map((a) => [a.id, a.createdAt])).toEqual([['harbour-reopens', '2008-06-01T08:00:00.000Z']]);
    expect(v10.comments.map((c) => [c.author, c.body, c.status])).toEqual([['First Reader', 'Good news & about time.', 'approved']]);
  });
});

describe('readDisqus', () => {
  it('threads and posts: deleted and spam rejected with a code, anonymous kept, a post without a Disqus id kept under its site id, broken posts skipped with their line', async () => {
    const batch = await readBatch(readDisqus, DISQUS);
    expect(batch.articles.map((a) => [a.id, a.title])).toEqual([
      ['disqus-5001', 'Паром: новое расписание'],
      ['disqus-5002', '港の祭り'],
    ]); // 5003 has no posts: no article
    expect(batch.comments.map((c) => [c.key, c.author, c.status, c.code ?? null, c.parentKey])).toEqual([
      ['9001', 'Ольга', 'approved', null, null],
      ['9002', 'Boris', 'approved', null, '9001'],
      ['9003', 'Olga', 'approved', null, '9002'],
      ['9004', 'Remover', 'rejected', 'other', null],
      ['9005', 'Spammer', 'rejected', 'spam', null],
      ['9006', 'Anonymous', 'approved', null, null],
      ['id:legacy-42', '山田', 'approved', null, null],
      ['9008', 'Orphan', 'approved', null, '8000'],
      ['9011', 'Quoteless', 'approved', null, null],
    ]);
    expect(batch.comments[0].body).toBe('Хорошие новости & спасибо.\n\nSee the timetable (https://gazette.example/timetable)');
    expect(batch.comments[2].body).toBe('Reply two levels down 👍');
    expect(batch.comments[8].articleKey).toBe('5002');
    expect(batch.skipped).toEqual([
      { id: 'post bad-9009 (line 103)', reason: "invalid id 'bad-9009'", key: 'bad-9009' },
      { id: 'post 9010 (line 110)', reason: "invalid date 'yesterday'", key: '9010' },
    ]);
    expect(batch.warnings).toEqual(['line 1: stray text before the first tag, ignored', 'line 123: Unquoted attribute value; read on']);
  });
});

describe('mergeBatch', () => {
  it('links replies to their parents’ new ids, and a second merge adds nothing', async () => {
    const data = emptyStoreData();
    const batch = await readBatch(readWxr, WXR);
    const first = await mergeBatch(data, batch);
    expect(first.comments).toMatchObject({ added: 8, existing: 0, replies: 4 });
    for (const c of data.comments.filter((x) => x.parentId !== null)) {
      const parent = data.comments.find((p) => p.id === c.parentId)!;
      expect(parent.articleId).toBe(c.articleId);
      expect(parent.id).toBeLessThan(c.id);
    }
    const ids = data.comments.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const again = await mergeBatch(data, await readBatch(readWxr, WXR));
    expect(again.comments).toMatchObject({ added: 0, existing: 8 });
    expect(again.articles).toEqual({ added: [], existing: 2 });
    expect(data.comments).toHaveLength(8);
    expect(first.notes).toEqual(['comment 108: its parent 999 is not in the file; it stands at top level']);
  });

  it('a parent missing from the file leaves the reply at top level with a note', async () => {
    const data = emptyStoreData();
    const report = await mergeBatch(data, {
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

describe('imported text both stores can hold', () => {
  it('lone surrogates become U+FFFD and NULs and other controls go, in titles, paragraphs, names and bodies', async () => {
    const data = emptyStoreData();
    await mergeBatch(data, {
      from: 'wxr',
      articles: [{ key: 'p', id: 'x', title: 'Ti\u0000tle \ud800', createdAt: '2020-01-01T00:00:00.000Z', link: null, body: ['para\u0000 \udc00'] }],
      comments: [{ key: '1', articleKey: 'p', parentKey: null, author: 'A\ud800', email: null, body: 'b\u0000ody \ud83d', createdAt: '2020-01-02T00:00:00.000Z', status: 'approved' }],
      skipped: [],
      warnings: [],
    });
    expect(data.articles[0].title).toBe('Title \ufffd');
    expect(data.articles[0].body).toEqual(['para \ufffd']);
    expect(data.comments[0]).toMatchObject({ author: 'A\ufffd', body: 'body \ufffd' });
  });
});

describe('htmlToText with a real tokenizer', () => {
  it('a ">" inside a quoted attribute neither leaks markup nor cuts the link', () => {
    expect(htmlToText('See <a title="a > b" href="https://example.org/x">this page</a> now')).toBe('See this page (https://example.org/x) now');
    expect(htmlToText('<img alt="1 > 0" src="x.png"> ok')).toBe('[image: 1 > 0] ok');
  });

  it('definition lists and addresses are blocks; ordered lists keep their numbers (from start=)', () => {
    expect(htmlToText('<dl><dt>Term</dt><dd>Meaning</dd></dl><address>1 Harbour St</address>after')).toBe('Term\n\nMeaning\n\n1 Harbour St\n\nafter');
    expect(htmlToText('<ol><li>one</li><li>two</li></ol><ol start="5"><li>five</li></ol><ul><li>dot</li></ul>')).toBe('1. one\n\n2. two\n\n5. five\n\n- dot');
  });

  it('decodes every HTML entity, named or numeric', () => {
    expect(htmlToText('&eacute;&nbsp;&hearts; &#x1F600; &frac12; &amp;lt;')).toBe('é ♥ 😀 ½ &lt;');
  });
});
