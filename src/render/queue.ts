// The moderation queue in each of its formats. Only `table` is for people.
import type { Comment } from '../domain/comment.js';
import { safeLine } from './safe-text.js';
import { styleStatus, type Style } from './style.js';
import { formatAge } from './time.js';
import { displayWidth, padEnd, truncate, widest } from './wrap.js';

export const QUEUE_FORMATS = ['table', 'json', 'ndjson', 'csv', 'ids', 'count'] as const;
export type QueueFormat = (typeof QUEUE_FORMATS)[number];

export interface TableView {
  /** Columns to fit each row to; undefined: rows whole (piped to grep, nothing is cut). */
  width: number | undefined;
  style: Style;
  now: Date;
  header: boolean;
  showStatus: boolean;
}

/** The code of the latest rejection, if it had one. */
const rejectionCode = (c: Comment) => {
  for (let i = c.history.length - 1; i >= 0; i--) if (c.history[i].action === 'rejected') return c.history[i].code;
  return undefined;
};

const CSV_COLUMNS = ['id', 'articleId', 'author', 'email', 'status', 'createdAt', 'body'] as const;

/**
 * One CSV cell. Unless `raw`, a cell that a spreadsheet would take for a formula
 * (it starts with = + - @, a tab or a carriage return) gets a leading ' (the
 * OWASP way), so opening the file runs nothing; raw cells round-trip exactly.
 */
const csvField = (value: string | number | null, raw: boolean) => {
  let text = value === null ? '' : String(value);
  if (!raw && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** How machine formats are written: `csvRaw` turns off the formula protection. */
export interface MachineOptions {
  csvRaw?: boolean;
}

/** The queue in one format: the machine formats in pieces (a whole big store would not fit in one string). */
/** The formats that list comments (a count needs none loaded: the command asks the store to count). */
type ListFormat = Exclude<QueueFormat, 'count'>;

export function renderQueue(comments: Comment[], format: 'table' | 'ids', view: TableView): string;
export function renderQueue(comments: Comment[], format: ListFormat, view: TableView & MachineOptions): string | Iterable<string>;
export function renderQueue(comments: Comment[], format: ListFormat, view: TableView & MachineOptions): string | Iterable<string> {
  switch (format) {
    case 'json':
    case 'ndjson':
    case 'csv':
      return queueChunks(comments, format, view);
    case 'ids':
      return comments.length ? `${comments.map((c) => c.id).join(' ')}\n` : '';
    case 'table':
      return renderTable(comments, view);
  }
}

const SLICE = 1000;

/**
 * The machine formats a piece at a time (SLICE comments each), so that an export
 * of a million comments never has to be one string (V8 stops at about 512 MiB).
 * Joined, the pieces are the whole text: for json exactly JSON.stringify(comments, null, 2).
 */
export function* queueChunks(comments: Comment[], format: 'json' | 'ndjson' | 'csv', options: MachineOptions = {}): Generator<string> {
  const raw = options.csvRaw === true;
  let written = 0;
  for (let i = 0; i < comments.length; i += SLICE) {
    const slice = comments.slice(i, i + SLICE);
    yield sliceText(slice, format, raw, written);
    written += slice.length;
  }
  yield endText(format, written);
}

/** The same text, of comments that come a batch at a time (an export read from a database as it goes). */
export async function* queueChunksFrom(batches: AsyncIterable<Comment[]>, format: 'json' | 'ndjson' | 'csv', options: MachineOptions = {}): AsyncGenerator<string> {
  const raw = options.csvRaw === true;
  let written = 0;
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += SLICE) {
      const slice = batch.slice(i, i + SLICE);
      yield sliceText(slice, format, raw, written);
      written += slice.length;
    }
  }
  yield endText(format, written);
}

/** The text of some comments, after `before` of them: for json exactly its part of JSON.stringify(all, null, 2). */
function sliceText(slice: Comment[], format: 'json' | 'ndjson' | 'csv', raw: boolean, before: number): string {
  if (slice.length === 0) return '';
  // RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
  const header = format === 'csv' && before === 0 ? `${CSV_COLUMNS.join(',')}\r\n` : '';
  if (format === 'json') return (before ? ',\n' : '[\n') + JSON.stringify(slice, null, 2).slice(2, -2);
  if (format === 'ndjson') return slice.map((c) => `${JSON.stringify(c)}\n`).join('');
  return header + slice.map((c) => `${CSV_COLUMNS.map((k) => csvField(c[k], raw)).join(',')}\r\n`).join('');
}

/** What ends the text, once `written` comments were: the list's close, or the header of an empty CSV. */
function endText(format: 'json' | 'ndjson' | 'csv', written: number): string {
  if (format === 'json') return written ? '\n]\n' : '[]\n';
  if (format === 'csv' && written === 0) return `${CSV_COLUMNS.join(',')}\r\n`;
  return '';
}

/** The text's column is never narrower than this. */
const MIN_TEXT = 10;

function renderTable(comments: Comment[], view: TableView): string {
  const { style, width, now } = view;
  // Comments of several articles: which one each is on.
  const showArticle = new Set(comments.map((c) => c.articleId)).size > 1;
  const rows = comments.map((c) => ({
    id: `${c.flags?.length ? '!' : ''}#${c.id}`,
    age: formatAge(c.createdAt, now),
    article: safeLine(c.articleId),
    status: c.status === 'rejected' && rejectionCode(c) ? `rejected:${rejectionCode(c)}` : c.status,
    author: safeLine(c.author),
    text: safeLine(c.body),
  }));
  const headers = { id: 'ID', age: 'AGE', article: 'ARTICLE', status: 'STATUS', author: 'AUTHOR', text: 'TEXT' };
  const all = view.header ? [headers, ...rows] : rows;
  const fit = width !== undefined;
  const idW = widest(all.map((r) => r.id.length));
  const ageW = widest(all.map((r) => r.age.length));
  // A long article id gets a fifth of the line at most, when the line has a width.
  let articleW = showArticle ? Math.min(fit ? Math.max(8, Math.floor(width / 5)) : Infinity, widest(all.map((r) => displayWidth(r.article)))) : 0;
  const statusW = view.showStatus ? widest(all.map((r) => r.status.length)) : 0;
  let authorW = Math.min(20, widest(all.map((r) => displayWidth(r.author))));
  const fixed = () => idW + 2 + ageW + 2 + (showArticle ? articleW + 2 : 0) + (view.showStatus ? statusW + 2 : 0) + authorW + 2;
  // A narrow terminal: the author's column, then the article's, give way before the text goes under MIN_TEXT.
  if (fit) {
    const over = fixed() + MIN_TEXT - width;
    const fromAuthor = Math.max(0, Math.min(over, authorW - 8));
    authorW -= fromAuthor;
    if (showArticle) articleW -= Math.max(0, Math.min(over - fromAuthor, articleW - 6));
  }
  const textW = Math.max(MIN_TEXT, (width ?? 0) - fixed());

  const line = (r: (typeof all)[number], isHeader: boolean) => {
    const cells = [
      r.id.padStart(idW),
      padEnd(r.age, ageW),
      ...(showArticle ? [padEnd(fit ? truncate(r.article, articleW) : r.article, articleW)] : []),
      ...(view.showStatus ? [padEnd(r.status, statusW)] : []),
      padEnd(fit ? truncate(r.author, authorW) : r.author, authorW),
      fit ? truncate(r.text, textW) : r.text,
    ];
    if (isHeader) return style.bold(cells.join('  ').trimEnd());
    const statusAt = showArticle ? 3 : 2;
    if (view.showStatus) cells[statusAt] = cells[statusAt].replace(/^\w+/, (w) => styleStatus(style, w));
    cells[0] = style.cyan(cells[0]);
    cells[1] = style.dim(cells[1]);
    return cells.join('  ').trimEnd();
  };
  const lines = rows.map((r) => line(r, false));
  if (view.header) lines.unshift(line(headers, true));
  return `${lines.join('\n')}\n`;
}
