import { describe, expect, it } from 'vitest';
import { buildStoreData } from '../../bench/fixtures';
import { moderationLog } from '../../src/domain/record';
import { threadOf } from '../../src/domain/reader-view';
import { renderHtmlPage } from '../../src/render/html-page';
import { renderMarkdown } from '../../src/render/markdown';
import { renderQueue } from '../../src/render/queue';
import { renderLog } from '../../src/render/record';
import { safeLine, safeText } from '../../src/render/safe-text';
import { colorLevel, PLAIN } from '../../src/render/style';
import { formatAge } from '../../src/render/time';
import { displayWidth, truncate, wrapParagraph, wrapText } from '../../src/render/wrap';

describe('wrapping', () => {
  it('wraps at word boundaries within the width', () => {
    expect(wrapParagraph('the quick brown fox jumps over', 10)).toEqual(['the quick', 'brown fox', 'jumps over']);
  });

  it('counts East Asian wide characters as two columns', () => {
    expect(displayWidth('日本語')).toBe(6);
    const lines = wrapParagraph('日本語のテキストです 한국어 텍스트', 8);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(8);
    expect(lines.join('')).toBe('日本語のテキストです한국어텍스트');
  });

  it('breaks a word longer than the line', () => {
    expect(wrapParagraph('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapParagraph('https://example.org/a/very/long/path', 12).every((l) => l.length <= 12)).toBe(true);
  });

  it('keeps a comment’s own line breaks and blank lines', () => {
    expect(wrapText('one\n\ntwo three', 5)).toEqual(['one', '', 'two', 'three']);
  });

  it('truncates with an ellipsis by columns', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('safe text', () => {
  it('escapes C0, C1, DEL and bidi controls; keeps newlines in bodies, not in lines', () => {
    expect(safeText('a\u001b[31mb\u009b\u007f\u202Ec\nd')).toBe('a\\x1B[31mb\\x9B\\x7F\\u202Ec\nd');
    expect(safeLine('a\nb\tc')).toBe('a b c');
  });
});

describe('colour decision', () => {
  const tty = { env: {}, isTTY: true };
  it('on at a terminal, off in a pipe', () => {
    expect(colorLevel(tty)).toBe(1);
    expect(colorLevel({ env: {}, isTTY: false })).toBe(0);
  });
  it('NO_COLOR off; FORCE_COLOR on even in a pipe; --no-color wins over both', () => {
    expect(colorLevel({ env: { NO_COLOR: '1' }, isTTY: true })).toBe(0);
    expect(colorLevel({ env: { FORCE_COLOR: '1' }, isTTY: false })).toBe(1);
    expect(colorLevel({ env: { FORCE_COLOR: '0' }, isTTY: true })).toBe(0);
    expect(colorLevel({ flag: false, env: { FORCE_COLOR: '3' }, isTTY: true })).toBe(0);
    // Set but empty is as if unset (no-color.org, force-color.org).
    expect(colorLevel({ env: { NO_COLOR: '1', FORCE_COLOR: '' }, isTTY: true })).toBe(0);
    expect(colorLevel({ env: { FORCE_COLOR: '' }, isTTY: false })).toBe(0);
    expect(colorLevel({ env: { NO_COLOR: '' }, isTTY: true })).toBe(1);
    expect(colorLevel({ env: { TERM: 'dumb' }, isTTY: true })).toBe(0);
  });
});

describe('ages', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('shows short ages', () => {
    expect(formatAge('2026-11-28T11:59:30Z', now)).toBe('now');
    expect(formatAge('2026-11-28T11:15:00Z', now)).toBe('45m');
    expect(formatAge('2026-11-28T02:00:00Z', now)).toBe('10h');
    expect(formatAge('2026-11-25T12:00:00Z', now)).toBe('3d');
    expect(formatAge('2026-09-01T12:00:00Z', now)).toBe('12w');
  });
});

describe('display width', () => {
  it('counts combining marks and zero-width joiners as nothing, full-width forms as two', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('Ａｂｃ')).toBe(6);
    expect(displayWidth('a\u200db')).toBe(2);
    expect(wrapParagraph('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });
});

describe('long lists', () => {
  it('a table of 150,000 comments and a log of 150,000 entries render (no spread of a huge list into Math.max)', () => {
    const data = buildStoreData({ comments: 150_000, articles: 2 });
    const view = { width: 80, style: PLAIN, now: new Date('2028-01-01T00:00:00Z'), header: false, showStatus: true };
    expect(renderQueue(data.comments, 'table', view).split('\n')).toHaveLength(150_001);
    const log = moderationLog(data);
    expect(log.length).toBeGreaterThan(99_000);
    expect(renderLog(log, 80, PLAIN).split('\n').length).toBeGreaterThan(log.length);
  });
});

describe('published pages: every stored field escaped, isolated, never a live link', () => {
  const ATTACK = '"><script>alert(1)</script>';
  const article = {
    id: 'a', title: `Title ${ATTACK}`, subtitle: '\u202Esub', byline: 'By <b>x</b>', dateline: null,
    image: { caption: '<img src=x onerror=alert(1)>', credit: '\u202Ecredit' }, body: [`Body ${ATTACK} see www.evil.example`],
    editorNote: null, commentPolicy: 'Mail policy@example.org', createdAt: '2024-01-01T00:00:00.000Z',
  };
  // As a crafted export or hand-edited store could hold them: not a number for an id, markup for a date.
  const comments = [
    { id: `1${ATTACK}` as unknown as number, parentId: null, author: '\u202EAlice', body: `Hi ${ATTACK}\nvisit https://evil.example or write to bob@evil.example`, createdAt: `<script>alert(2)</script>`, edited: false },
  ];

  it('HTML: no markup from stored values, ids and dates included; authors in <bdi>, texts dir="auto"', () => {
    const html = renderHtmlPage(article, threadOf(comments), false);
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    expect(html).toContain('id="comment-1&quot;&gt;&lt;script&gt;');
    expect(html).toContain('<bdi class="author">\u202EAlice</bdi>');
    expect(html).toMatch(/<p dir="auto">Hi &quot;&gt;&lt;script&gt;/);
    expect(html).toContain('<time datetime="&lt;script&gt;alert(2)&lt;/script&gt;">&lt;script&gt;');
  });

  it('Markdown: no raw HTML, no bidi controls, dates escaped, URLs and e-mail addresses not autolinked', () => {
    const md = renderMarkdown(article, threadOf(comments), false);
    expect(md).not.toMatch(/<script|<img|<b>/);
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(md).toContain('**Alice** · &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(md).toContain('https\\://evil\\.example');
    expect(md).toContain('bob\\@evil\\.example');
    expect(md).toContain('www\\.evil\\.example');
    expect(md).toContain('policy\\@example\\.org');
    expect(md).not.toMatch(/https:\/\/|www\.evil|bob@|evil\.example/);
  });
});

describe('forPeople', () => {
  it('escapes every control and bidi character but newlines, tabs and our own colour codes; idempotent', async () => {
    const { forPeople } = await import('../../src/render/safe-text');
    expect(forPeople('a\u001b[1mbold\u001b[22m\tb\nc')).toBe('a\u001b[1mbold\u001b[22m\tb\nc');
    expect(forPeople('x\u001b[2Jy\u001b]0;t\u0007\u202Ez\r')).toBe('x\\x1B[2Jy\\x1B]0;t\\x07\\u202Ez\\x0D');
    expect(forPeople('\u001b[8mhidden')).toBe('\\x1B[8mhidden');
    const once = forPeople('\u009b31m \u0000');
    expect(forPeople(once)).toBe(once);
  });
});

describe('the review screen at 80 and 60 columns', () => {
  it('the key bar and the reject menu fit the width, and no key is cut in two', async () => {
    const { renderReasonMenu, packed } = await import('../../src/render/review-screen');
    for (const width of [80, 60, 40]) {
      const menu = renderReasonMenu(PLAIN, width).split('\n').filter(Boolean);
      expect(menu.every((l) => l.length <= width), `${width}: ${menu.join(' / ')}`).toBe(true);
      // Every item is whole on one line.
      for (const item of ['Reject: why?', '[1] spam', '[4] personal-data', '[7] other', '[Esc] cancel']) expect(menu.some((l) => l.includes(item)), item).toBe(true);
    }
    expect(renderReasonMenu(PLAIN, 80).split('\n').filter(Boolean)).toHaveLength(2);
    const keys = ['[a]pprove', '[r]eject', '[e]dit', '[s]kip', '[u]ndo', '[q]uit', '[?] help'];
    expect(packed(keys, 80)).toEqual(['[a]pprove  [r]eject  [e]dit  [s]kip  [u]ndo  [q]uit  [?] help']);
    expect(packed(keys, 60)).toEqual(['[a]pprove  [r]eject  [e]dit  [s]kip  [u]ndo  [q]uit', '[?] help']);
  });

  it('a text longer than the screen is a page of it, kept within the text, with the header and keys in view', async () => {
    const { renderReviewScreen } = await import('../../src/render/review-screen');
    const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
    const comment = { id: 7, articleId: 'a', parentId: null, author: 'Lee', email: null, body, status: 'pending', createdAt: '2026-11-28T10:00:00.000Z', updatedAt: '2026-11-28T10:00:00.000Z', history: [] } as any;
    const screen = (height: number, scroll: number) =>
      renderReviewScreen({ comment, article: undefined, record: { approved: 0, rejected: 0 }, position: 1, remaining: 1, notes: [], width: 60, height, scroll, style: PLAIN, now: new Date('2026-11-28T11:00:00.000Z') });
    const lines = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').split('\n').slice(0, -1);
    for (const height of [12, 24, 40]) {
      const first = screen(height, 0);
      expect(lines(first.text).length, `height ${height}`).toBeLessThanOrEqual(height - 1);
      expect(lines(first.text)[0]).toContain('Review · #7');
      expect(first.text).toContain('[a]pprove');
      expect(first.text).toContain(`Lines 1–${first.page} of 79`);
      // Past the end is the last page; before the start, the first.
      const last = screen(height, 10_000);
      expect(last.scroll).toBe(last.lastScroll);
      expect(last.text).toContain(`of 79:  [b] back`);
      expect(screen(height, -5).scroll).toBe(0);
    }
    // A text that fits is shown whole, with no line about pages.
    const short = renderReviewScreen({ comment: { ...comment, body: 'Short.' }, article: undefined, record: { approved: 0, rejected: 0 }, position: 1, remaining: 1, notes: [], width: 60, height: 24, scroll: 3, style: PLAIN, now: new Date('2026-11-28T11:00:00.000Z') });
    expect(short).toMatchObject({ scroll: 0, lastScroll: 0 });
    expect(short.text).not.toContain('Lines ');
  });
});
