// Single keys from a terminal in raw mode, one at a time.

/** Not a key: the terminal was resized (handed in with `push`, so a screen waiting for a key redraws). */
export const RESIZE = 'resize';

const CTRL_C = '\u0003';

export class KeyReader {
  #queue: string[] = [];
  #interrupted = false;
  #waiting: ((key: string) => void) | undefined;
  readonly #stdin: NodeJS.ReadStream;
  #onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    // An escape sequence (an arrow key) is one key; anything else is a key per character.
    for (const key of text.startsWith('\u001b') && text.length > 1 ? [text] : [...text]) this.push(key);
  };

  /** Hands a key (or RESIZE) to whoever waits for the next one. */
  push(key: string): void {
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve(key);
    } else this.#queue.push(key);
  }

  constructor(stdin: NodeJS.ReadStream) {
    this.#stdin = stdin;
  }

  start(): void {
    this.#stdin.setRawMode(true);
    this.#stdin.on('data', this.#onData);
    this.#stdin.resume();
  }

  /**
   * From now on every key is Ctrl-C: each prompt, however deep, gives up as it
   * does for Ctrl-C, and so does the loop around them (the process was asked to stop).
   */
  interrupt(): void {
    this.#interrupted = true;
    this.push(CTRL_C);
  }

  next(): Promise<string> {
    if (this.#interrupted) return Promise.resolve(CTRL_C);
    const key = this.#queue.shift();
    if (key !== undefined) return Promise.resolve(key);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  /** Hands the terminal back (for an editor, or at the end). */
  stop(): void {
    this.#stdin.off('data', this.#onData);
    this.#stdin.setRawMode(false);
    this.#stdin.pause();
  }
}

const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * A line typed in raw mode: printable keys (at most `max`), Backspace, Ctrl-U to
 * start again. Enter gives the line; Esc or Ctrl-C gives undefined. `draw` is
 * called with the line so far after every key (and a resize).
 */
export async function readLine(keys: KeyReader, draw: (text: string) => void, max: number): Promise<string | undefined> {
  let chars: string[] = [];
  draw('');
  for (;;) {
    const key = await keys.next();
    if (key === '\r' || key === '\n') return chars.join('');
    if (key === '\u001b' || key === '\u0003') return undefined;
    if (BACKSPACE.has(key)) chars.pop();
    else if (key === '\u0015') chars = [];
    else if ([...key].length === 1 && key >= ' ' && chars.length < max) chars.push(key);
    draw(chars.join(''));
  }
}
