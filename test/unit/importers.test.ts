import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDisqus } from '../../src/import/disqus';
import { htmlToText } from '../../src/import/html-text';
import { readWxr } from '../../src/import/wxr';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');

describe('htmlToText', () => {
  it('keeps paragraphs, line breaks, entities and links', () => {
    expect(htmlToText('<p>One &amp; two</p><p>Three<br>four &#8217;s &hellip;</p>')).toBe('One & two\n\nThree\nfour ’s …');
    expect(htmlToText('See <a href="https://example.org/x">this page</a>.')).toBe('See this page (https://example.org/x).');
    expect(htmlToText('<a href="https://example.org">https://example.org</a>')).toBe('https://example.org');
    expect(htmlToText('<a href="http://blogs.example.com/a/b/c.aspx">http://blogs.example.com/a/...</a>')).toBe('http://blogs.example.com/a/b/c.aspx');
    expect(htmlToText('<script>x</script><b>bold</b> &lt;tag&gt;')).toBe('xbold <tag>');
  });
});

describe('readWxr', () => {
  it('reads the WordPress theme unit test export', async () => {
    const batch = await readWxr(path.join(FIXTURES, 'wordpress-theme-unit-test.wxr.xml'));
    const byStatus = (s: string) => batch.comments.filter((c) => c.status === s).length;
    console.log(batch.articles.length, batch.comments.length, byStatus('approved'), byStatus('pending'), byStatus('rejected'), batch.skipped, batch.warnings.slice(0,3), batch.comments.filter(c => c.parentKey).length);
    expect(batch.articles.length).toBeGreaterThan(0);
  });
});

describe('readDisqus', () => {
  it('reads the Disqus sample', async () => {
    const batch = await readDisqus(path.join(FIXTURES, 'disqus-sample.xml'));
    console.log(batch.articles, batch.comments.map(c => [c.key, c.status, c.code, c.author, c.parentKey, c.body.slice(0,60)]), batch.skipped, batch.warnings);
    expect(batch.articles.length).toBeGreaterThan(0);
  });
});
