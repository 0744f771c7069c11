// The article as a reader sees it, wrapped for a terminal.
import type { Article } from '../domain/article.js';
import type { Thread, ThreadNode } from '../domain/reader-view.js';
import { safeLine, safeText } from './safe-text.js';
import type { Style } from './style.js';
import { formatTime } from './time.js';
import { wrapParagraph, wrapText } from './wrap.js';
import { counted } from './plural.js';

export interface ArticleView {
  width: number;
  style: Style;
  showComments: boolean;
  /** Comments closed: say so where the form would be. */
  closed: boolean;
  /** Times in the local zone (at a terminal). */
  localTime?: boolean;
}

const INDENT_STEP = 2;
const MAX_DEPTH = 6;

export function renderArticle(article: Article, thread: Thread, view: ArticleView): string {
  const { width, style } = view;
  const out: string[] = [];
  const para = (text: string, indent = 0) => wrapParagraph(safeLine(text), Math.max(1, width - indent)).map((l) => ' '.repeat(indent) + l);
  const blank = () => out.push('');

  out.push(...para(article.title).map((l) => style.bold(l)));
  if (article.subtitle) {
    blank();
    out.push(...para(article.subtitle).map((l) => style.italic(l)));
  }
  if (article.byline || article.dateline) {
    blank();
    if (article.byline) out.push(...para(article.byline));
    if (article.dateline) out.push(...para(article.dateline).map((l) => style.dim(l)));
  }
  if (article.image) {
    blank();
    const { caption, credit } = article.image;
    if (caption) out.push(...para(`Photo: ${caption}`, 2).map((l) => style.dim(l)));
    if (credit) out.push(...para(`(${credit})`, 2).map((l) => style.dim(l)));
  }
  for (const paragraph of article.body) {
    blank();
    out.push(...para(paragraph));
  }
  if (article.editorNote) {
    blank();
    out.push(...para(article.editorNote).map((l) => style.italic(l)));
  }

  if (view.showComments) {
    blank();
    out.push(style.dim('─'.repeat(Math.min(width, 80))));
    const { count } = thread;
    out.push(style.bold(count === 0 ? 'No comments yet' : counted(count, 'comment')));
    for (const node of thread.roots) out.push(...renderNode(node, 0, view));
  }
  if (view.closed) {
    blank();
    out.push(style.dim('─'.repeat(Math.min(width, 80))));
    out.push(...para('Comments are closed.').map((l) => style.bold(l)));
  } else if (article.commentPolicy) {
    blank();
    out.push(style.dim('─'.repeat(Math.min(width, 80))));
    out.push(...para(article.commentPolicy).map((l) => style.dim(l)));
  }
  return `${out.join('\n')}\n`;
}

function renderNode(node: ThreadNode, depth: number, view: ArticleView): string[] {
  const { style, width } = view;
  const indent = Math.min(depth, MAX_DEPTH) * INDENT_STEP;
  const pad = ' '.repeat(indent);
  const c = node.comment;
  const room = Math.max(1, width - indent);
  const meta = [formatTime(c.createdAt, view.localTime), c.edited ? 'edited' : null, `#${c.id}`].filter(Boolean).join(' · ');
  const head = wrapParagraph(`${safeLine(c.author)} · ${meta}`, room).map((l) => pad + style.bold(l));
  const body = wrapText(safeText(c.body), room).map((l) => (l ? pad + l : ''));
  return ['', ...head, ...body, ...node.replies.flatMap((r) => renderNode(r, depth + 1, view))];
}
