// Stored text on its way to a terminal. Control characters (ESC starts colour,
// cursor and title sequences; C1 controls do the same on some terminals) and
// bidirectional overrides (which reorder what a moderator reads) are shown
// escaped, never passed through, whatever the store holds.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const escapeChar = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** Text that may keep its newlines and tabs (a comment body shown whole). */
export const safeText = (text: string) => text.replace(UNSAFE, escapeChar).replace(/\t/g, '    ');

/** Text for one line of a table or a header: newlines and tabs become spaces too. */
export const safeLine = (text: string) => safeText(text).replace(/\s+/g, ' ').trim();
