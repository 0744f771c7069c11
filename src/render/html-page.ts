// The article as one standalone, accessible HTML page: its approved comments
// threaded, the comment policy, and, while comments are open, a plain form
// (posting to rfa serve when it renders the page). No script. Every stored
// string is escaped, and isolated (<bdi>, dir="auto") so a right-to-left
// override stays inside it. The server's other pages share its shell (page()).
import type { Article } from '../domain/article.js';
import { MAX_BODY, MAX_NAME } from '../domain/comment.js';
import type { Thread, ThreadNode } from '../domain/reader-view.js';
import { formatTime } from './time.js';
import { counted } from './plural.js';
import { dropUnsafe } from './safe-text.js';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Stored text never carries markup: blank lines are paragraphs, single newlines line breaks. */
export const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p dir="auto">${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');

export const CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --accent: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 18px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font: 700 2.1rem/1.2 system-ui, sans-serif; margin: 0 0 .75rem; }
h2 { font: 700 1.3rem/1.3 system-ui, sans-serif; margin: 2.5rem 0 1rem; padding-top: 1.5rem; border-top: 1px solid var(--rule); }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 1rem; }
.byline, .dateline { font: .95rem/1.4 system-ui, sans-serif; margin: 0; }
.dateline { color: var(--muted); }
figure { margin: 1.5rem 0; padding: .75rem 1rem; background: #f5f5f7; border-left: 3px solid var(--rule); }
figcaption { font: .9rem/1.5 system-ui, sans-serif; color: var(--muted); }
.credit { font-style: italic; }
.editor-note { font-style: italic; color: var(--muted); }
ol.thread, ol.replies { list-style: none; margin: 0; padding: 0; }
ol.replies { margin-left: 1.25rem; padding-left: 1rem; border-left: 2px solid var(--rule); }
.comment { margin: 0 0 1.25rem; }
.comment header { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); }
.comment .author { font-weight: 700; color: var(--ink); }
.comment p { margin: .35rem 0; overflow-wrap: anywhere; }
.policy { font: .95rem/1.5 system-ui, sans-serif; color: var(--muted); }
form p { margin: 0 0 1rem; }
label { display: block; font: 600 .95rem/1.4 system-ui, sans-serif; margin-bottom: .25rem; }
input, textarea { width: 100%; font: inherit; padding: .5rem; border: 1px solid #8e8e93; border-radius: 4px; }
button { font: 600 1rem system-ui, sans-serif; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; }
.closed { font: 600 1rem system-ui, sans-serif; }
.notice { font: 600 1rem/1.5 system-ui, sans-serif; padding: .75rem 1rem; border-left: 4px solid var(--accent); background: #eef3fd; }
.notice.error, .field-error { border-color: #b3261e; color: #b3261e; }
.notice.error { background: #fdeeee; }
.field-error { font: 600 .9rem/1.4 system-ui, sans-serif; margin: .25rem 0 0; }
[aria-invalid="true"] { border: 2px solid #b3261e; }
.trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.reply-link, .more { font: .9rem/1.4 system-ui, sans-serif; }
a { color: var(--accent); }
ul.articles { padding-left: 1.25rem; }
.receipt blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 3px solid var(--rule); background: #f5f5f7; }
`.trim();

/** A comment's links: to reply to it, on the server's page (`replyHref` of its id). */
export interface ThreadLinks {
  replyHref?: (id: number) => string;
}

function commentHtml(node: ThreadNode, links: ThreadLinks): string {
  const c = node.comment;
  const replies = node.replies.length ? `\n<ol class="replies">\n${node.replies.map((r) => commentHtml(r, links)).join('\n')}\n</ol>` : '';
  const reply = links.replyHref ? `\n<p class="reply-link"><a href="${escapeHtml(links.replyHref(c.id))}">Reply</a></p>` : '';
  return `<li id="comment-${escapeHtml(String(c.id))}">
<article class="comment" aria-label="Comment by ${escapeHtml(c.author)}">
<header><bdi class="author">${escapeHtml(c.author)}</bdi> · <time datetime="${escapeHtml(c.createdAt)}">${escapeHtml(formatTime(c.createdAt))}</time>${c.edited ? ' · <span class="edited">edited</span>' : ''}</header>
${paragraphsHtml(c.body)}${reply}${replies}
</article>
</li>`;
}

/** A whole page: `title` (plain text) and `body` (HTML) in the shared shell. */
export function page(title: string, body: string[]): string {
  const out = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">'];
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${escapeHtml(dropUnsafe(title))}</title>`, `<style>\n${CSS}\n</style>`, '</head>', '<body>', '<main>', ...body, '</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function storyHtml(article: Article): string[] {
  const out: string[] = [];
  out.push('<article class="story">', '<header>', `<h1 dir="auto">${escapeHtml(article.title)}</h1>`);
  if (article.subtitle) out.push(`<p class="subtitle" dir="auto">${escapeHtml(article.subtitle)}</p>`);
  if (article.byline) out.push(`<p class="byline" dir="auto">${escapeHtml(article.byline)}</p>`);
  if (article.dateline) out.push(`<p class="dateline" dir="auto">${escapeHtml(article.dateline)}</p>`);
  out.push('</header>');
  if (article.image && (article.image.caption || article.image.credit)) {
    const caption = article.image.caption ? `<bdi>${escapeHtml(article.image.caption)}</bdi>` : '';
    const credit = article.image.credit ? ` <span class="credit">(<bdi>${escapeHtml(article.image.credit)}</bdi>)</span>` : '';
    out.push(`<figure>\n<figcaption>${caption}${credit}</figcaption>\n</figure>`);
  }
  for (const p of article.body) out.push(`<p dir="auto">${escapeHtml(p)}</p>`);
  if (article.editorNote) out.push(`<p class="editor-note" dir="auto">${escapeHtml(article.editorNote)}</p>`);
  out.push('</article>');
  return out;
}

/** The approved comments, threaded: the page's section, and the server's embeddable fragment. */
export function commentsSection(thread: Thread, links: ThreadLinks = {}): string[] {
  const { count } = thread;
  const out = ['<section class="comments" aria-labelledby="comments-heading">'];
  out.push(`<h2 id="comments-heading">${count === 0 ? 'No comments yet' : counted(count, 'comment')}</h2>`);
  if (count) out.push('<ol class="thread">', ...thread.roots.map((r) => commentHtml(r, links)), '</ol>');
  out.push('</section>');
  return out;
}

/**
 * The form as the server renders it: where it posts, its signed token, and,
 * shown again after a refusal, what the reader typed and what was wrong
 * (beside the field at fault, or above the form).
 */
export interface FormView {
  action: string;
  token: string;
  values?: { author?: string; email?: string; text?: string };
  /** The comment replied to. */
  replyTo?: { id: number; author: string };
  errors?: Partial<Record<'author' | 'email' | 'text', string>>;
  message?: string;
}

/** The honeypot's name: a field people never see (it is off-screen and skipped by the keyboard), which bots fill in. */
export const TRAP_FIELD = 'website';

function formHtml(form: FormView | undefined): string[] {
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const value = (v: string | undefined) => (v ? ` value="${escapeHtml(v)}"` : '');
  const described = (field: keyof typeof errors) => (errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const error = (field: keyof typeof errors) => (errors[field] ? `<span class="field-error" id="${field}-error">${escapeHtml(errors[field]!)}</span>` : '');
  const out: string[] = [];
  if (form?.message) out.push(`<p class="notice error" role="alert">${escapeHtml(form.message)}</p>`);
  out.push(`<form method="post" action="${escapeHtml(form?.action ?? '#')}">`);
  if (form) out.push(`<input type="hidden" name="token" value="${escapeHtml(form.token)}">`);
  if (form?.replyTo) {
    out.push(`<input type="hidden" name="parent" value="${form.replyTo.id}">`, `<p class="reply-link">Replying to <bdi>${escapeHtml(form.replyTo.author)}</bdi>.</p>`);
  }
  // The limits are the domain's, so the form never lets through what the store refuses.
  out.push(
    `<p><label for="author">Name</label><input id="author" name="author" type="text" autocomplete="name" required maxlength="${MAX_NAME}"${value(values.author)}${described('author')}>${error('author')}</p>`,
    `<p><label for="email">E-mail (optional, never published)</label><input id="email" name="email" type="email" autocomplete="email"${value(values.email)}${described('email')}>${error('email')}</p>`,
    `<p><label for="text">Comment, in plain text (up to ${MAX_BODY.toLocaleString('en-US')} characters)</label><textarea id="text" name="text" rows="6" required maxlength="${MAX_BODY}"${described('text')}>${escapeHtml(values.text ?? '')}</textarea>${error('text')}</p>`,
  );
  if (form) {
    out.push(`<p class="trap" aria-hidden="true"><label for="${TRAP_FIELD}">Leave this empty</label><input id="${TRAP_FIELD}" name="${TRAP_FIELD}" type="text" tabindex="-1" autocomplete="off"></p>`);
  }
  out.push('<p><button type="submit">Send for moderation</button></p>', '</form>');
  return out;
}

function respondHtml(article: Article, closed: boolean, form: FormView | undefined): string[] {
  const out = ['<section class="respond" id="respond" aria-labelledby="respond-heading">'];
  if (closed) {
    out.push('<h2 id="respond-heading">Comments</h2>', '<p class="closed">Comments are closed.</p>');
  } else {
    out.push('<h2 id="respond-heading">Add your comment</h2>');
    if (article.commentPolicy) out.push(`<p class="policy" dir="auto">${escapeHtml(article.commentPolicy)}</p>`);
    out.push(...formHtml(form));
  }
  out.push('</section>');
  return out;
}

/** The article page; `form` when the server renders it (without, the form posts nowhere: a page to publish elsewhere). */
export function renderHtmlPage(article: Article, thread: Thread, closed: boolean, form?: FormView, links: ThreadLinks = {}): string {
  return page(article.title, [...storyHtml(article), ...commentsSection(thread, links), ...respondHtml(article, closed, form)]);
}
