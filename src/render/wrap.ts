// Word wrapping by display columns: East Asian wide characters count two, and
// a word longer than the line is broken between graphemes.
import stringWidth from 'string-width';

export const displayWidth = (text: string) => stringWidth(text);

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const { segment } of segmenter.segment(word)) {
    const w = stringWidth(segment);
    if (pieceWidth + w > width && piece) {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += segment;
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
    const w = stringWidth(word);
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
      lineWidth = stringWidth(line);
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
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pads text with spaces to `width` columns. */
export const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)));
