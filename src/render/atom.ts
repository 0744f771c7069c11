// An article's approved comments as an Atom feed (RFC 4287), newest first:
// for readers who follow a discussion, and for a desk's own tools.
import type { Article } from '../domain/article.js';
import type { PublicComment } from '../domain/comment.js';
import { dropUnsafe } from './safe-text.js';

/** XML 1.0 has no place for most control characters, even escaped: they are dropped (and bidi controls, as on every page). */
const xml = (text: string) =>
  dropUnsafe(text)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** `articleUrl`: the article page's absolute address; entries link to their comment on it. */
export function renderAtom(article: Article, comments: readonly PublicComment[], articleUrl: string, feedUrl: string): string {
  const newest = [...comments].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const updated = newest[0]?.createdAt ?? article.createdAt;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${xml(`Comments on ${article.title}`)}</title>`,
    `<id>${xml(feedUrl)}</id>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(articleUrl)}"/>`,
    `<updated>${xml(updated)}</updated>`,
    '<generator>rfa</generator>',
  ];
  for (const c of newest) {
    const link = `${articleUrl}#comment-${c.id}`;
    out.push(
      '<entry>',
      `<title>${xml(`Comment by ${c.author}`)}</title>`,
      `<id>${xml(link)}</id>`,
      `<link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `<author><name>${xml(c.author)}</name></author>`,
      `<published>${xml(c.createdAt)}</published>`,
      `<updated>${xml(c.createdAt)}</updated>`,
      `<content type="text">${xml(c.body)}</content>`,
      '</entry>',
    );
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}
