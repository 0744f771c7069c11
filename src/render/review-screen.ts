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
  /** The terminal's rows: a text longer than the screen leaves is shown a page at a time. */
  height: number;
  /** The first line of the text to show (a page down, a line up...). */
  scroll: number;
  style: Style;
  now: Date;
}

export interface ReviewScreen {
  text: string;
  /** `scroll`, kept within the text. */
  scroll: number;
  /** The furthest `scroll` can go (0 when the whole text fits). */
  lastScroll: number;
  /** Lines of text a page shows. */
  page: number;
}

const CLEAR = '\u001b[2J\u001b[H';
const KEYS = ['[a]pprove', '[r]eject', '[e]dit', '[s]kip', '[u]ndo', '[q]uit', '[?] help'];
/** A line of text at least, however small the window. */
const MIN_PAGE = 1;

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

export function renderReviewScreen(s: ScreenInput): ReviewScreen {
  const { comment: c, style, width } = s;
  const rule = style.dim('─'.repeat(Math.min(width, 80)));
  const head: string[] = [];
  head.push(`${style.bold(`Review · #${c.id}`)} · ${s.position} of ${s.remaining} pending`);
  head.push(truncate(`Article: ${safeLine(s.article?.title ?? c.articleId)}`, width));
  const who = `${safeLine(c.author)}${c.email ? ` <${safeLine(c.email)}>` : ''}`;
  head.push(...wrapParagraph(`${who} · ${formatAgo(c.createdAt, s.now)}`, width));
  // A reply is judged with what it answers.
  if (c.parentId !== null) head.push(truncate(`In reply to ${repliedTo(c.parentId, s.parent, width - 12)}`, width));
  head.push(`Record: ${s.record.approved} approved, ${s.record.rejected} rejected before`);
  const words = (c.flags ?? []).flatMap((f) => f.matches);
  for (const flag of c.flags ?? []) {
    head.push(...wrapParagraph(`Flag: ${flag.rule}: ${flag.matches.map((m) => `"${safeLine(m)}"`).join(', ')}`, width).map((l) => style.yellow(style.bold(l))));
  }
  head.push(rule);
  const body = wrapText(safeText(c.body), width).map((l) => highlight(l, words, style));
  const foot = [rule, ...packed(KEYS, width), ...s.notes.flatMap((note) => wrapParagraph(note, width).map((l) => style.dim(l)))];
  // The last row stays free for the cursor.
  const room = s.height - 1 - head.length - foot.length;
  let shown = body;
  let scroll = 0;
  let lastScroll = 0;
  let page = body.length;
  if (body.length > room) {
    // Too long for the screen: a page of it, and a line saying where it is and how to move.
    page = Math.max(MIN_PAGE, room - 1);
    lastScroll = Math.max(0, body.length - page);
    scroll = Math.min(Math.max(0, s.scroll), lastScroll);
    shown = body.slice(scroll, scroll + page);
    const where = `Lines ${scroll + 1}–${scroll + shown.length} of ${body.length}`;
    const moves = scroll < lastScroll ? (scroll > 0 ? '[space] more, [b] back' : '[space] more') : '[b] back';
    foot.splice(1, 0, ...packed([`${where}:`, moves], width).map((l) => style.dim(l)));
  }
  // Our own clear-screen, then the screen with every stored value escaped (colour codes of ours kept).
  return { text: CLEAR + forPeople([...head, ...shown, ...foot].join('\n')) + '\n', scroll, lastScroll, page };
}

/** The reason codes to pick from, and the moderator's note when one was typed. */
export function renderReasonMenu(style: Style, width: number, note?: string): string {
  const items = ['Reject: why?', ...REASON_CODES.map((code, i) => `[${i + 1}] ${code}`), note === undefined ? '[n] add a note' : '[n] change the note', '[Esc] cancel'];
  const [first, ...rest] = packed(items, width);
  const noted = note === undefined ? [] : wrapParagraph(`Note: ${safeLine(note)}`, width);
  return forPeople(`\n${[...noted, first.replace('Reject: why?', style.bold('Reject: why?')), ...rest].join('\n')}\n`);
}

/** A line being typed (the rejection's note): the end of it, when it is wider than the line. */
export function renderLineInput(prompt: string, text: string, width: number): string {
  const room = Math.max(1, width - displayWidth(prompt) - 1);
  const chars = [...safeLine(text)];
  while (displayWidth(chars.join('')) > room) chars.shift();
  return `\r\u001b[2K${forPeople(prompt + chars.join(''))}`;
}

export function renderReviewHelp(style: Style): string {
  return `${CLEAR}${style.bold('rfa moderate review')}

  a   approve this comment
  r   reject it, then pick a reason code (1-7); n first adds a note of your own
  e   edit its text in $VISUAL / $EDITOR
  s   skip it for now
  u   undo the last approval or rejection (the comment goes back to the queue)
  space, b   a page on or back in a text longer than the screen (also PgDn, PgUp,
             and the arrow keys a line at a time)
  q   quit (every decision is already saved)
  ?   this help

Each decision is written to the store at once. Press any key to go back.
`;
}
