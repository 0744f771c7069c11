// The narrow interface every backend implements. Commands see only this: they
// hand it the domain's operations and queries (domain/operation.ts), and each
// backend loads what those say they need (domain/needs.ts).
import type { CommentCount } from '../domain/catalog.js';
import type { QueueFilter } from '../domain/queue-filter.js';
import type { Operation, Query, RunStep, Settled } from '../domain/operation.js';
import type { StoreData } from '../domain/store-data.js';
import type { DumpPart } from './dump.js';
import type { StoreFigures } from '../domain/figures.js';

/**
 * How a backup is kept: rotated with the others to the newest `keep`, or
 * (taken before a purge, an import or a restore) never rotated, by this or by
 * any later `rfa backup --keep` in the same folder.
 */
export type Rotation = { keep: number } | { before: 'purge' | 'import' | 'restore' };

/** How long a writer waits for the store's lock unless RFA_LOCK_TIMEOUT says (both kinds of store). */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

export type { Settled } from '../domain/operation.js';

export interface Store {
  /** Where the store lives, for messages (never with a password). */
  readonly location: string;
  /** Answers a query on a consistent snapshot of what it needs, read without a lock. */
  ask<I, R>(query: Query<I, R>, input: I): Promise<R>;
  /** Runs an operation on what it needs, under the store's lock; what it changed is written (only when it says so). */
  run<I, R>(op: Operation<I, R>, input: I, now: Date): Promise<R>;
  /**
   * Runs an operation once per input, in order, each on what the ones before
   * left: a group commit (the web server's submissions that arrive together).
   * Each input's result or refusal; what was done is durable when this
   * resolves. A failure to write refuses them all (nothing half-written).
   */
  runEach<I, R>(op: Operation<I, R>, inputs: readonly I[], now: Date): Promise<Settled<R>[]>;
  /**
   * Operations one after another, as `work` asks for them, in one transaction
   * under the store's lock (a change too big to load or make at once, such as
   * an import of a large file, made a part at a time). All are written when
   * `work` resolves, none when it throws. With `dryRun`, on one snapshot,
   * without the lock, and nothing written: then an operation need not see
   * what the ones before it did, so `work` hands each what it must know.
   */
  transaction<T>(work: (run: RunStep) => Promise<T>, now: Date, options?: { dryRun?: boolean }): Promise<T>;
  /**
   * A token that changes whenever an answer might (undefined when there is no
   * cheap one): a long-running reader keeps what it rendered until it changes.
   */
  version(): Promise<string | undefined>;
  /** How many comments the queue filter matches. */
  countComments(filter: QueueFilter): Promise<number>;
  /** The desk's figures (rfa stats), summed over every comment: a database keeps them summed as it writes. */
  figures(): Promise<StoreFigures>;
  /** The articles and settings (comments need not be there) with each article's comment counts per status: a listing's needs. */
  readCatalog(): Promise<{ data: StoreData; counts: CommentCount[] }>;
  /** Everything on one snapshot, in parts (see dump.ts): for a backup, an export or a copy of any size. */
  dump(): AsyncIterable<DumpPart>;
  /** Replaces everything with the parts, as they come, without reading first (a restore must work over a damaged store); all or nothing. */
  replaceAll(parts: AsyncIterable<DumpPart>): Promise<void>;
  /** A consistent, compressed copy in `dir`, rotated (or kept) as `rotation` says. */
  backup(dir: string, rotation: Rotation, now: Date): Promise<{ file: string; removed: string[] }>;
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
