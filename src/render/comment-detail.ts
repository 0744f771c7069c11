// Everything about one comment, for a moderator: `rfa moderate show`.
import type { Article } from '../domain/article.js';
import type { Comment, HistoryEntry } from '../domain/comment.js';
import { safeLine, safeText } from './safe-text.js';
import { styleStatus, type Style } from './style.js';
import { formatAgo, formatTime } from './time.js';
import { displayWidth, truncate, wrapParagraph, wrapText } from './wrap.js';

/** What a reply answers, in `room` columns: `#7 Ann: "the first words…"`, or that the parent is gone. */
export function repliedTo(parentId: number, parent: Comment | undefined, room: number): string {
  if (!parent) return `#${parentId} (not in the store)`;
  const head = `#${parent.id} ${safeLine(parent.author)}: `;
  return `${head}"${truncate(safeLine(parent.body), Math.max(10, room - displayWidth(`${head}""`)))}"`;
}

export function renderCommentDetail(comment: Comment, article: Article | undefined, width: number, style: Style, now: Date, parent?: Comment, local = false): string {
  const field = (label: string, value: string) =>
    wrapParagraph(value, Math.max(10, width - 11)).map((l, i) => `${(i === 0 ? label : '').padEnd(11)}${l}`);
  const out: string[] = [`${style.bold(`Comment #${comment.id}`)}  ${styleStatus(style, safeLine(comment.status))}`];
  out.push(...field('Article', article ? `${safeLine(article.id)} (${safeLine(article.title)})` : `${safeLine(comment.articleId)} (missing)`));
  out.push(...field('Author', safeLine(comment.author) + (comment.email ? ` <${safeLine(comment.email)}>` : '')));
  if (comment.parentId !== null) {
    out.push(...field('Reply to', repliedTo(comment.parentId, parent, width - 11)));
  }
  if (comment.sameSenderAs !== undefined) out.push(...field('Sender', `same sender as #${comment.sameSenderAs} (from the web)`));
  out.push(...field('Submitted', `${formatTime(comment.createdAt, local)} (${formatAgo(comment.createdAt, now)})`));
  if (comment.updatedAt !== comment.createdAt) out.push(...field('Updated', formatTime(comment.updatedAt, local)));
  for (const flag of comment.flags ?? []) out.push(...field('Flag', style.yellow(`${flag.rule}: ${flag.matches.map((m) => `"${safeLine(m)}"`).join(', ')}`)));
  if (comment.purged) out.push(...field('Purged', 'text and personal data erased'));
  out.push('');
  out.push(...wrapText(safeText(comment.body), Math.max(10, width - 4)).map((l) => (l ? `    ${l}` : '')));
  out.push('', style.bold('History'));
  for (const entry of comment.history) out.push(...renderEntry(entry, width, style, local));
  return `${out.join('\n')}\n`;
}

function renderEntry(entry: HistoryEntry, width: number, style: Style, local: boolean): string[] {
  const head = `  ${formatTime(entry.at, local)}  ${safeLine(entry.action).padEnd(9)}  by ${safeLine(entry.by)}`;
  const lines = [head];
  const detail = (label: string, text: string) =>
    wrapParagraph(`${label}: ${text}`, Math.max(10, width - 6)).map((l) => style.dim(`      ${l}`));
  if (entry.code !== undefined) lines.push(...detail('code', safeLine(entry.code)));
  if (entry.rule !== undefined) lines.push(...detail('rule', safeLine(entry.rule)));
  if (entry.reason !== undefined) lines.push(...detail('reason', safeLine(entry.reason)));
  if (entry.previousBody !== undefined) lines.push(...detail('was', safeLine(entry.previousBody)));
  return lines;
}
