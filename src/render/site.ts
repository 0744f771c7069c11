// The server's pages beside the article's (html-page.ts): the list of
// articles, a reader's receipt, the comment section alone for a CMS to embed,
// and the page for an address or error. Same shell, same escaping, no script.
import type { ArticleListing, Thread } from '../domain/reader-view.js';
import type { ReceiptView } from '../domain/receipt.js';
import { commentsSection, escapeHtml, page, paragraphsHtml, type ThreadLinks } from './html-page.js';
import { counted } from './plural.js';
import { formatTime } from './time.js';

export function renderIndex(articles: readonly ArticleListing[], href: (id: string) => string): string {
  const items = articles.map(
    (a) => `<li><a href="${escapeHtml(href(a.id))}" dir="auto">${escapeHtml(a.title)}</a> · ${a.comments === 0 ? 'no comments yet' : counted(a.comments, 'comment')}${a.closed ? ' · comments closed' : ''}</li>`,
  );
  return page('Articles', ['<h1>Articles</h1>', items.length ? `<ul class="articles">\n${items.join('\n')}\n</ul>` : '<p>No articles yet.</p>']);
}

const STATE_SENTENCES: Record<ReceiptView['state'], string> = {
  waiting: 'Your comment is waiting for a moderator. Comments do not appear in real time; come back to this page to see what became of it.',
  published: 'Your comment was approved and is published.',
  'not-published': 'Your comment was not published.',
  removed: 'Your comment was removed.',
};

/** A reader's own view of their comment; `just` right after sending it. */
export function renderReceipt(view: ReceiptView, links: { article: string; comment: string; self: string }, just: boolean): string {
  const out = ['<section class="receipt" aria-labelledby="receipt-heading">', `<h1 id="receipt-heading">${just ? 'Thank you: your comment was received' : 'Your comment'}</h1>`];
  out.push(`<p class="notice" role="status">${escapeHtml(STATE_SENTENCES[view.state])}</p>`);
  if (view.reason) out.push(`<p dir="auto">${escapeHtml(view.reason)}</p>`);
  out.push(`<p>On <a href="${escapeHtml(links.article)}" dir="auto">${escapeHtml(view.articleTitle)}</a>, sent ${escapeHtml(formatTime(view.createdAt))}${view.edited ? ', edited by a moderator' : ''}.</p>`);
  if (view.state !== 'removed') out.push(`<blockquote><p><bdi class="author">${escapeHtml(view.author)}</bdi>:</p>\n${paragraphsHtml(view.body)}</blockquote>`);
  if (view.state === 'published') out.push(`<p><a href="${escapeHtml(links.comment)}">See it under the article</a></p>`);
  out.push(`<p>Keep this page's address to come back to it: <a href="${escapeHtml(links.self)}">${escapeHtml(links.self)}</a>. Only someone with the address can open it.</p>`, '</section>');
  return page(just ? 'Comment received' : 'Your comment', out);
}

/** The comment section alone, for a page elsewhere to include: a link takes readers to the form. */
export function renderFragment(thread: Thread, respondHref: string, links: ThreadLinks = {}): string {
  return `${[...commentsSection(thread, links), `<p class="more"><a href="${escapeHtml(respondHref)}">Add your comment</a></p>`].join('\n')}\n`;
}

export function renderProblem(status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return page(title, [`<h1>${escapeHtml(title)}</h1>`, `<p>${escapeHtml(message)}</p>`, '<p><a href="/">All articles</a></p>']);
}
