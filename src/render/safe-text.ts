// Stored text on its way to a terminal. Control characters (ESC starts colour,
// cursor and title sequences; C1 controls do the same on some terminals) and
// bidirectional overrides (which reorder what a moderator reads) are shown
// escaped, never passed through, whatever the store holds.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const escapeChar = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** The same characters dropped, where showing them escaped would not do (a Markdown page, an HTML <title>). */
export const dropUnsafe = (text: string) => text.replace(UNSAFE, '');

/** Text that may keep its newlines and tabs (a comment body shown whole). */
export const safeText = (text: string) => text.replace(UNSAFE, escapeChar).replace(/\t/g, '    ');

/** Text for one line of a table or a header: newlines and tabs become spaces too. */
export const safeLine = (text: string) => safeText(text).replace(/\s+/g, ' ').trim();

/** The colour codes rfa's own styles write (chalk at any level: bold, dim, italic, inverse, colours, resets). */
const OWN_SGR = /\u001b\[(?:1|2|3|7|22|23|27|3[0-9]|9[0-7]|38;[25];[0-9;]+|39)m/y;

/**
 * A whole human output on its way to the terminal: every control or bidi
 * character escaped as safeText does, whatever field it came from (ids,
 * statuses, dates, history, settings), except newlines, tabs and the colour
 * codes of our own styles. Already-escaped text passes unchanged.
 */
export function forPeople(text: string): string {
  let out = '';
  let last = 0;
  UNSAFE.lastIndex = 0;
  for (let m = UNSAFE.exec(text); m; m = UNSAFE.exec(text)) {
    const at = m.index;
    if (text[at] === '\u001b') {
      OWN_SGR.lastIndex = at;
      if (OWN_SGR.test(text)) {
        UNSAFE.lastIndex = OWN_SGR.lastIndex;
        continue;
      }
    }
    out += text.slice(last, at) + escapeChar(text[at]);
    last = at + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
