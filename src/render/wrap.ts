// Word wrapping by display columns: East Asian wide characters count two,
// combining marks and format characters none, and a word longer than the line
// is broken between characters (never inside one with its marks).
// Hand-written over get-east-asian-width rather than string-width: loading
// string-width (Intl.Segmenter, emoji regexes) cost 26 ms per start here,
// longer than the rest of a command.
import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return eastAsianWidth(cp);
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Characters with the marks that follow them, and their widths. */
function* clusters(text: string): Generator<[string, number]> {
  let cluster = '';
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (w === 0 && cluster) {
      cluster += ch;
      continue;
    }
    if (cluster) yield [cluster, width];
    cluster = ch;
    width = w;
  }
  if (cluster) yield [cluster, width];
}

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const [cluster, w] of clusters(word)) {
    if (pieceWidth + w > width && piece) {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += cluster;
    pieceWidth += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Wraps one paragraph (no newlines kept) into lines of at most `width` columns. */
export function wrapParagraph(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = displayWidth(word);
    if (line && lineWidth + 1 + w <= width) {
      line += ` ${word}`;
      lineWidth += 1 + w;
      continue;
    }
    if (line) lines.push(line);
    if (w <= width) {
      line = word;
      lineWidth = w;
    } else {
      const pieces = breakWord(word, width);
      line = pieces.pop() ?? '';
      lines.push(...pieces);
      lineWidth = displayWidth(line);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Wraps text that keeps its own line breaks (a comment body); blank lines stay blank. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => (line.trim() === '' ? [''] : wrapParagraph(line, width)));
}

/** Cuts text to at most `width` columns, with an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let out = '';
  let used = 0;
  for (const [cluster, w] of clusters(text)) {
    if (used + w > width - 1) break;
    out += cluster;
    used += w;
  }
  return `${out}…`;
}

/** Pads text with spaces to `width` columns. */
export const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** The largest of `values`, at least `floor`. (Math.max(...list) overflows the stack past about 100,000 values.) */
export function widest(values: Iterable<number>, floor = 0): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
