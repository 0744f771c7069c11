// Single keys from a terminal in raw mode, one at a time.
export class KeyReader {
  #queue: string[] = [];
  #waiting: ((key: string) => void) | undefined;
  readonly #stdin: NodeJS.ReadStream;
  #onData = (chunk: Buffer | string) => {
    const text = chunk.toString();
    // An escape sequence (an arrow key) is one key; anything else is a key per character.
    const keys = text.startsWith('\u001b') && text.length > 1 ? [text] : [...text];
    for (const key of keys) {
      if (this.#waiting) {
        const resolve = this.#waiting;
        this.#waiting = undefined;
        resolve(key);
      } else this.#queue.push(key);
    }
  };

  constructor(stdin: NodeJS.ReadStream) {
    this.#stdin = stdin;
  }

  start(): void {
    this.#stdin.setRawMode(true);
    this.#stdin.on('data', this.#onData);
    this.#stdin.resume();
  }

  next(): Promise<string> {
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
