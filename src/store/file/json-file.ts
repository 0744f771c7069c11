// lowdb adapter for the store file: reads and checks it, writes it atomically.
// The lock around a read-modify-write is the store's business, not the adapter's.
import fs from 'node:fs';
import type { Adapter } from 'lowdb';
import { RfaError, storeError } from '../../errors.js';
import { HeldFile, ReplacedMeanwhile, replaceFile } from './atomic-file.js';
import { storeShapeProblem, type StoreData } from '../../domain/store-data.js';
import { serializeChunks, type SliceCache } from '../serialize.js';

export function readStoreFile(file: string): StoreData {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw storeError(`no store at ${file}`, `run 'rfa init --store ${file}' to create one`, 'STORE_MISSING');
    if (code === 'EISDIR') throw storeError(`${file} is a directory, not a store file`, undefined, 'STORE_CORRUPT');
    throw storeError(`cannot read the store ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw storeError(`the store ${file} is not valid JSON (${(err as Error).message}); it was left untouched`,
      'restore it from a backup or fix it by hand', 'STORE_CORRUPT');
  }
  const problem = storeShapeProblem(parsed);
  if (problem) throw storeError(`${file}: ${problem}; it was left untouched`, undefined, problem.includes('newer than') ? 'STORE_NEWER' : 'STORE_CORRUPT');
  return parsed as StoreData;
}

/** The longest string V8 makes: a store file is read back as one, so its text must fit (about 512 MiB). */
export const MAX_STORE_CHARS = 0x1fff_ffe8;

/**
 * The store's text in pieces, stopping with an error before a piece would take it
 * past `maxChars`: a file that long could be written but never read again.
 */
export function* storeText(data: StoreData, maxChars: number, location: string, cache?: SliceCache): Generator<string> {
  let total = 0;
  for (const piece of serializeChunks(data, cache)) {
    total += piece.length;
    if (total > maxChars) {
      throw storeError(
        `${location}: the store would grow past what one JSON file can hold (${Math.floor(maxChars / 2 ** 20)} MiB of text); nothing was written`,
        "a PostgreSQL store has no such limit: see 'rfa store copy --help'",
      );
    }
    yield piece;
  }
}

export class JsonFileAdapter implements Adapter<StoreData> {
  readonly #file: string;
  readonly #maxChars: number;

  readonly #lockHeld?: () => boolean;
  readonly #slices?: SliceCache;

  /** `lockHeld`: whether the writer's lock is still good, asked before each write lands; `slices`: the text of comments written before, for a writer that keeps them frozen. */
  constructor(file: string, maxChars = MAX_STORE_CHARS, lockHeld?: () => boolean, slices?: SliceCache) {
    this.#file = file;
    this.#maxChars = maxChars;
    this.#lockHeld = lockHeld;
    this.#slices = slices;
  }

  /** The file that was read, held open so that a write replaces only that one. */
  #read?: HeldFile;

  async read(): Promise<StoreData> {
    return this.readUnlessKnown().data;
  }

  /**
   * The file's data, and which file it was (its key); when that is the file
   * `known` was read from (or written as), `known`'s data without reading.
   */
  readUnlessKnown(known?: { key: string; data: StoreData }): { key?: string; data: StoreData } {
    this.close();
    // Opened before reading: a replacement in between makes the write refuse, never lose it.
    try {
      this.#read = new HeldFile(this.#file);
    } catch {
      this.#read = undefined;
    }
    const key = this.#read?.key();
    if (known && key === known.key) return { key, data: known.data };
    return { key, data: readStoreFile(this.#file) };
  }

  /** Lets go of the file read. */
  close(): void {
    this.#read?.close();
    this.#read = undefined;
  }

  async write(data: StoreData): Promise<void> {
    try {
      const read = this.#read;
      const unchanged = () => (!read || read.isAt(this.#file)) && (!this.#lockHeld || this.#lockHeld());
      await replaceFile(this.#file, storeText(data, this.#maxChars, this.#file, this.#slices), unchanged);
    } catch (err) {
      if (err instanceof RfaError || err instanceof ReplacedMeanwhile) throw err;
      throw storeError(`cannot write the store ${this.#file}: ${(err as Error).message}; it is unchanged`);
    }
  }
}
