// The narrow interface every backend implements. Commands see only this.
import type { StoreData } from './schema.js';

/** What a transaction hands back: its result, and whether it changed the data. */
export interface Outcome<T> {
  result: T;
  changed: boolean;
}

export interface Store {
  /** Where the store lives, for messages. */
  readonly location: string;
  /** A consistent snapshot, read without a lock. */
  read(): Promise<StoreData>;
  /** One read-modify-write under the store's lock; written only when `changed`. */
  update<T>(transaction: (data: StoreData) => Outcome<T>): Promise<T>;
  /** Replaces everything without reading first (a restore must work over a damaged store). */
  replaceAll(data: StoreData): Promise<void>;
  /** A consistent, compressed copy in `dir`, keeping the newest `keep` there. */
  backup(dir: string, keep: number, now: Date): Promise<{ file: string; removed: string[] }>;
  /** Where backups go unless told otherwise. */
  readonly backupDir: string;
}

/** A store that can be created in place (by init, or as the target of a copy). */
export interface CreatableStore extends Store {
  /** Whether there is a store there at all (a file, or rfa's tables). */
  present(): Promise<boolean>;
  /** Creates the store holding `data`; one already there is a conflict, left untouched. */
  create(data: StoreData): Promise<void>;
}
