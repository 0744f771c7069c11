// One screen of `rfa moderate review`: a pending comment and what a moderator
// needs to decide on it, fitted to the terminal.
import type { Article } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import { REASON_CODES } from '../domain/reasons.js';
import type { AuthorRecord } from '../domain/record.js';
import { forPeople, safeLine, safeText } from './safe-text.js';
import type { Style } from './style.js';
import { repliedTo } from './comment-detail.js';
import { formatAgo } from './time.js';
import { displayWidth, truncate, wrapParagraph, wrapText } from './wrap.js';

export interface ScreenInput {
  comment: Comment;
  article: Article | undefined;
  record: AuthorRecord;
  /** The comment it replies to, if it is a reply (and still there). */
  parent?: Comment;
  position: number;
  remaining: number;
  notes: string[];
  width: number;
  style: Style;
  now: Date;
}

const CLEAR = '\u001b[2J\u001b[H';
const KEYS = ['[a]pprove', '[r]eject', '[e]dit', '[s]kip', '[u]ndo', '[q]uit', '[?] help'];

/** Items two spaces apart, as many to a line as `width` holds: never one cut in two. */
export function packed(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length ? lines[lines.length - 1] : undefined;
    if (last !== undefined && displayWidth(last) + 2 + displayWidth(item) <= width) lines[lines.length - 1] = `${last}  ${item}`;
    else lines.push(item);
  }
  return lines;
}

/** Marks what a rule matched inside the (already escaped) text. */
function highlight(line: string, words: string[], style: Style): string {
  let out = line;
  for (const word of words) {
    if (!word.trim()) continue;
    const re = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    out = out.replace(re, (m) => style.inverse(m));
  }
  return out;
}

export function renderReviewScreen(s: ScreenInput): string {
  const { comment: c, style, width } = s;
  const rule = style.dim('─'.repeat(Math.min(width, 80)));
  const out: string[] = [];
  out.push(`${style.bold(`Review · #${c.id}`)} · ${s.position} of ${s.remaining} pending`);
  out.push(truncate(`Article: ${safeLine(s.article?.title ?? c.articleId)}`, width));
  const who = `${safeLine(c.author)}${c.email ? ` <${safeLine(c.email)}>` : ''}`;
  out.push(...wrapParagraph(`${who} · ${formatAgo(c.createdAt, s.now)}`, width));
  // A reply is judged with what it answers.
  if (c.parentId !== null) out.push(truncate(`In reply to ${repliedTo(c.parentId, s.parent, width - 12)}`, width));
  out.push(`Record: ${s.record.approved} approved, ${s.record.rejected} rejected before`);
  const words = (c.flags ?? []).flatMap((f) => f.matches);
  for (const flag of c.flags ?? []) {
    out.push(style.yellow(style.bold(`Flag: ${flag.rule}: ${flag.matches.map((m) => `"${safeLine(m)}"`).join(', ')}`)));
  }
  out.push(rule);
  out.push(...wrapText(safeText(c.body), width).map((l) => highlight(l, words, style)));
  out.push(rule);
  out.push(...packed(KEYS, width));
  for (const note of s.notes) out.push(style.dim(note));
  // Our own clear-screen, then the screen with every stored value escaped (colour codes of ours kept).
  return CLEAR + forPeople(out.join('\n')) + '\n';
}

export function renderReasonMenu(style: Style, width: number): string {
  const [first, ...rest] = packed(['Reject: why?', ...REASON_CODES.map((code, i) => `[${i + 1}] ${code}`), '[Esc] cancel'], width);
  return `\n${[first.replace('Reject: why?', style.bold('Reject: why?')), ...rest].join('\n')}\n`;
}

export function renderReviewHelp(style: Style): string {
  return `${CLEAR}${style.bold('rfa moderate review')}

  a   approve this comment
  r   reject it, then pick a reason code (1-7)
  e   edit its text in $VISUAL / $EDITOR
  s   skip it for now
  u   undo the last approval or rejection (the comment goes back to the queue)
  q   quit (every decision is already saved)
  ?   this help

Each decision is written to the store at once. Press any key to go back.
`;
}
