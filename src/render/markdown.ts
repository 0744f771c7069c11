// The article and its approved comments as Markdown, for static-site generators.
// Stored text is escaped so that it reads as the words it is, not as markup.
import type { Article } from '../domain/article.js';
import type { Thread, ThreadNode } from '../domain/reader-view.js';
import { formatTime } from './time.js';
import { counted } from './plural.js';
import { dropUnsafe } from './safe-text.js';

/**
 * Escapes what Markdown would read as markup: emphasis, code, links, tables and
 * strike-through anywhere; headings, lists and quotes at the start of a line;
 * < > & as entities, so no HTML gets through; the @, :// and dots inside words that
 * autolinks start from. Ordinary punctuation stays as it is.
 */
export const escapeMarkdown = (text: string) =>
  // Control and bidirectional characters (tabs too) dropped, so no stored string reorders the page around it.
  dropUnsafe(text.replace(/\t/g, ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    // No live links under GFM or linkify renderers: break what their autolinks look for
    // (linkify's fuzzy links take any "name.tld", so every dot inside a word is escaped).
    .replace(/@/g, '\\@')
    .replace(/:\/\//g, '\\://')
    .replace(/([\p{L}\p{N}_-])\.(?=[\p{L}\p{N}])/gu, '$1\\.');

const quote = (lines: string[], depth: number) => lines.map((l) => `${'>'.repeat(depth)}${l ? ` ${l}` : ''}`);

function commentMarkdown(node: ThreadNode, depth: number): string[] {
  const c = node.comment;
  const head = `**${escapeMarkdown(c.author)}** · ${escapeMarkdown(formatTime(c.createdAt))}${c.edited ? ' · edited' : ''}`;
  const body = c.body.split('\n').map((l) => (l.trim() ? `${escapeMarkdown(l)}  ` : ''));
  const own = quote([head, '', ...body], depth);
  return [...own, '', ...node.replies.flatMap((r) => commentMarkdown(r, depth + 1))];
}

export function renderMarkdown(article: Article, thread: Thread, closed: boolean): string {
  const out: string[] = [`# ${escapeMarkdown(article.title)}`, ''];
  if (article.subtitle) out.push(`*${escapeMarkdown(article.subtitle)}*`, '');
  const byline = [article.byline, article.dateline].filter(Boolean).map((s) => escapeMarkdown(s!));
  if (byline.length) out.push(byline.join(' — '), '');
  if (article.image?.caption || article.image?.credit) {
    out.push(`> ${[article.image.caption, article.image.credit ? `(${article.image.credit})` : null].filter(Boolean).map((s) => escapeMarkdown(s!)).join(' ')}`, '');
  }
  for (const p of article.body) out.push(escapeMarkdown(p), '');
  if (article.editorNote) out.push(`*${escapeMarkdown(article.editorNote)}*`, '');
  const { count } = thread;
  out.push(`## ${count === 0 ? 'No comments yet' : counted(count, 'comment')}`, '');
  for (const node of thread.roots) out.push(...commentMarkdown(node, 1));
  out.push('---', '', closed ? '**Comments are closed.**' : escapeMarkdown(article.commentPolicy ?? ''), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
