// lowdb adapter for the store file: reads and checks it, writes it atomically.
// The lock around a read-modify-write is the store's business, not the adapter's.
import fs from 'node:fs';
import type { Adapter } from 'lowdb';
import { storeError } from '../errors.js';
import { replaceFile } from './atomic-file.js';
import { storeShapeProblem, type StoreData } from './schema.js';
import { serializeChunks } from './serialize.js';


export function readStoreFile(file: string): StoreData {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw storeError(`no store at ${file}`, `run 'rfa init --store ${file}' to create one`);
    if (code === 'EISDIR') throw storeError(`${file} is a directory, not a store file`);
    throw storeError(`cannot read the store ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw storeError(`the store ${file} is not valid JSON (${(err as Error).message}); it was left untouched`,
      'restore it from a backup or fix it by hand');
  }
  const problem = storeShapeProblem(parsed);
  if (problem) throw storeError(`${file}: ${problem}; it was left untouched`);
  return parsed as StoreData;
}

export class JsonFileAdapter implements Adapter<StoreData> {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async read(): Promise<StoreData> {
    return readStoreFile(this.#file);
  }

  async write(data: StoreData): Promise<void> {
    try {
      replaceFile(this.#file, serializeChunks(data));
    } catch (err) {
      throw storeError(`cannot write the store ${this.#file}: ${(err as Error).message}; it is unchanged`);
    }
  }
}
