// The article as one standalone, accessible HTML page: its approved comments
// threaded, the comment policy, and, while comments are open, a plain form
// describing what a reader submits. No script. Every stored string is escaped,
// and isolated (<bdi>, dir="auto") so a right-to-left override stays inside it.
import type { Article } from '../domain/article.js';
import { MAX_BODY, MAX_NAME } from '../domain/comment.js';
import type { Thread, ThreadNode } from '../domain/reader-view.js';
import { formatTime } from './time.js';
import { counted } from './plural.js';
import { dropUnsafe } from './safe-text.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Stored text never carries markup: blank lines are paragraphs, single newlines line breaks. */
const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p dir="auto">${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');

const CSS = `
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
`.trim();

function commentHtml(node: ThreadNode): string {
  const c = node.comment;
  const replies = node.replies.length ? `\n<ol class="replies">\n${node.replies.map(commentHtml).join('\n')}\n</ol>` : '';
  return `<li id="comment-${escapeHtml(String(c.id))}">
<article class="comment" aria-label="Comment by ${escapeHtml(c.author)}">
<header><bdi class="author">${escapeHtml(c.author)}</bdi> · <time datetime="${escapeHtml(c.createdAt)}">${escapeHtml(formatTime(c.createdAt))}</time>${c.edited ? ' · <span class="edited">edited</span>' : ''}</header>
${paragraphsHtml(c.body)}${replies}
</article>
</li>`;
}

export function renderHtmlPage(article: Article, thread: Thread, closed: boolean): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${escapeHtml(dropUnsafe(article.title))}</title>`, `<style>\n${CSS}\n</style>`, '</head>', '<body>', '<main>');
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

  const { count } = thread;
  out.push('<section class="comments" aria-labelledby="comments-heading">');
  out.push(`<h2 id="comments-heading">${count === 0 ? 'No comments yet' : counted(count, 'comment')}</h2>`);
  if (count) out.push('<ol class="thread">', ...thread.roots.map(commentHtml), '</ol>');
  out.push('</section>');

  out.push('<section class="respond" aria-labelledby="respond-heading">');
  if (closed) {
    out.push('<h2 id="respond-heading">Comments</h2>', '<p class="closed">Comments are closed.</p>');
  } else {
    out.push('<h2 id="respond-heading">Add your comment</h2>');
    if (article.commentPolicy) out.push(`<p class="policy" dir="auto">${escapeHtml(article.commentPolicy)}</p>`);
    out.push(
      '<form method="post" action="#">',
      // The limits are the domain's, so the form never lets through what the store refuses.
      `<p><label for="author">Name</label><input id="author" name="author" type="text" autocomplete="name" required maxlength="${MAX_NAME}"></p>`,
      '<p><label for="email">E-mail (optional, never published)</label><input id="email" name="email" type="email" autocomplete="email"></p>',
      `<p><label for="text">Comment, in plain text (up to ${MAX_BODY.toLocaleString('en-US')} characters)</label><textarea id="text" name="text" rows="6" required maxlength="${MAX_BODY}"></textarea></p>`,
      '<p><button type="submit">Send for moderation</button></p>',
      '</form>',
    );
  }
  out.push('</section>', '</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
