// The JSON-file backend: lowdb's Low over our adapter, each transaction under
// the kernel lock. Readers take no lock: writes are atomic renames, so a reader
// always sees one whole version of the file.
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { conflict, RfaError, storeError } from '../../errors.js';
import { createFile, fileKeyOf, makeFolders, removeStaleTemps, ReplacedMeanwhile, replaceFile } from './atomic-file.js';
import { writeBackup } from './backups.js';
import { JsonFileAdapter, MAX_STORE_CHARS, readStoreFile, storeText } from './json-file.js';
import { acquireLock, type HeldLock } from './lock.js';
import { emptyStoreData, type StoreData } from '../../domain/store-data.js';
import { DEFAULT_LOCK_WAIT_MS, type CreatableStore, type Rotation, type Settled } from '../store.js';
import { collectDump, partsOf, type DumpPart } from '../dump.js';
import { SliceCache } from '../serialize.js';
import { runInOrder, settled, type Operation, type Query, type RunStep } from '../../domain/operation.js';
import { countByArticle, type CommentCount } from '../../domain/catalog.js';
import { figuresOf, type StoreFigures } from '../../domain/figures.js';
import { queryComments, type QueueFilter } from '../../domain/queue-filter.js';

export interface JsonStoreOptions {
  lockWaitMs?: number;
  /** Called once when a writer has waited about a second for the lock. */
  onWaiting?: () => void;
  /** The longest text the file may hold (V8's longest string unless told: see MAX_STORE_CHARS). */
  maxChars?: number;
  /** Where backups go unless told otherwise; backups/ beside the store if not given. */
  backupDir?: string;
  /** A long-running reader (rfa serve): keep the parsed file until it changes. */
  keepSnapshot?: boolean;
}

/** Follows a symlinked store to its target, so a write replaces the target and keeps the link. */
function resolveTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

const MAX_ATTEMPTS = 100;

/** Freezes `value` and everything in it: what a server has written cannot be changed in place (see freezeComments). */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * A long-running server's comments, frozen once written: every request shares
 * them, and what cannot change need not be serialised again (a slice of the
 * file that holds only comments written before is the text written before).
 * A server writes only submissions, which add comments; an operation that
 * changed one in place would throw (and write nothing), never write a stale text.
 */
function freezeComments(data: StoreData): void {
  // New comments are at the end: back from there to the first one frozen before (all of them, after a fresh read).
  for (let i = data.comments.length - 1; i >= 0 && !Object.isFrozen(data.comments[i]); i--) deepFreeze(data.comments[i]);
}

/** Whether the store's folder is on a file system mounted read-only. */
function readOnlyFileSystem(file: string): boolean {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EROFS';
  }
}

export class JsonStore implements CreatableStore {
  readonly location: string;
  readonly #file: string;
  readonly #lockWaitMs: number;
  readonly #onWaiting?: () => void;
  readonly #maxChars: number;
  readonly #backupDir?: string;
  readonly #keepSnapshot: boolean;
  /** A long-running writer's text of the comments it wrote, by slice (see freezeComments). */
  readonly #slices?: SliceCache;

  constructor(file: string, options: JsonStoreOptions = {}) {
    this.location = file;
    this.#file = resolveTarget(file);
    this.#lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.#onWaiting = options.onWaiting;
    this.#maxChars = options.maxChars ?? MAX_STORE_CHARS;
    this.#backupDir = options.backupDir;
    this.#keepSnapshot = options.keepSnapshot ?? false;
    if (this.#keepSnapshot) this.#slices = new SliceCache();
  }

  exists(): boolean {
    return fs.existsSync(this.#file);
  }

  async present(): Promise<boolean> {
    return this.exists();
  }

  /** The file as last read, and what it was then: its inode (a new one after every write's rename), size and times. */
  #snapshot?: { key: string; data: StoreData };
  /** While a long-running reader's snapshot is being changed and written (the write waits for the disk): settles when it is done. */
  #changing?: Promise<void>;

  /**
   * The store as it is now, for questions (never for an operation, which reads
   * its own copy under the lock and changes it). Read again only when the file
   * is another one or was touched: a long-running reader (rfa serve) parses it
   * once per change, not once per request, and sees every write at once.
   */
  async #current(): Promise<StoreData> {
    // A command asks once or twice: the stat would cost more than it saves.
    if (!this.#keepSnapshot) return readStoreFile(this.#file);
    // Not the data half-way through a change, nor the file before it is durable: what is there once a write is done.
    while (this.#changing) await this.#changing;
    const key = this.#fileKey();
    if (key !== undefined && this.#snapshot?.key === key) return this.#snapshot.data;
    const data = readStoreFile(this.#file);
    this.#snapshot = key === undefined ? undefined : { key, data };
    return data;
  }

  /** Which file is there, as it is: a write renames a new one into place (a new inode); a hand edit changes its size or times. */
  #fileKey(): string | undefined {
    try {
      return fileKeyOf(fs.statSync(this.#file, { bigint: true }));
    } catch {
      return undefined; // missing or unreadable: a read says which
    }
  }

  async version(): Promise<string | undefined> {
    return this.#fileKey();
  }

  /** The whole file, whatever a query needs: it is read whole anyway. */
  async ask<I, R>(query: Query<I, R>, input: I): Promise<R> {
    return query.answer(await this.#current(), input);
  }

  async countComments(filter: QueueFilter): Promise<number> {
    return queryComments(await this.#current(), filter).length;
  }

  async figures(): Promise<StoreFigures> {
    return figuresOf(await this.#current());
  }

  async readCatalog(): Promise<{ data: StoreData; counts: CommentCount[] }> {
    const data = await this.#current();
    return { data, counts: countByArticle(data.comments) };
  }

  /** A missing store is reported before the lock is taken, which would leave a stray .lock file. */
  #mustExist(): void {
    if (!this.exists()) readStoreFile(this.#file);
  }

  /** A store its owner made read-only (chmod a-w) is refused, not rewritten with the same mode. */
  #mustBeWritable(): void {
    this.#mustExist();
    if ((fs.statSync(this.#file).mode & 0o222) === 0) {
      throw storeError(`the store ${this.location} is read-only (no write permission for anyone); nothing was written`, `chmod u+w ${this.location} to allow changes`, 'STORE_READ_ONLY');
    }
  }

  async run<I, R>(op: Operation<I, R>, input: I, now: Date): Promise<R> {
    return settled(await this.runEach(op, [input], now));
  }

  /** One read, the operation once per input, and (when any changed something) one write, all under the lock. */
  async runEach<I, R>(op: Operation<I, R>, inputs: readonly I[], now: Date): Promise<Settled<R>[]> {
    return this.#writing((data) => runInOrder(op, data, inputs, now));
  }

  /** One read, the steps on it in memory, and one write at the end (when any changed something), all under the lock. */
  async transaction<T>(work: (run: RunStep) => Promise<T>, now: Date, options: { dryRun?: boolean } = {}): Promise<T> {
    const steps = async (data: StoreData) => {
      let changed = false;
      const result = await work(async (op, input) => {
        const outcome = op.run(data, input, now);
        changed ||= outcome.changed;
        return outcome.result;
      });
      return { result, changed };
    };
    // A dry run changes a copy of its own, never the snapshot a long-running reader keeps.
    if (options.dryRun) return (await steps(readStoreFile(this.#file))).result;
    return this.#writing(async (data) => {
      const { result, changed } = await steps(data);
      return { outcomes: result, changed };
    });
  }

  /**
   * `change` on the store's data under the lock, and a write when it says it
   * changed something. The lock keeps writers apart; should its file be deleted
   * while held, two writers can both be in, and the later rename would drop the
   * earlier write. The write refuses then instead (the file is not the one
   * read), and `change` runs again on what is there now.
   */
  async #writing<T>(change: (data: StoreData) => { outcomes: T; changed: boolean } | Promise<{ outcomes: T; changed: boolean }>): Promise<T> {
    this.#mustBeWritable();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#locked(async (lock) => {
          const adapter = new JsonFileAdapter(this.#file, this.#maxChars, lock.stillHeld, this.#slices);
          // A server keeps what it last read or wrote: while the file is that one, it is not parsed again.
          const known = this.#keepSnapshot ? this.#snapshot : undefined;
          this.#snapshot = undefined; // until written: the operations change it in place
          let done = () => {};
          if (this.#keepSnapshot) this.#changing = new Promise((resolve) => (done = resolve));
          try {
            const db = new Low(adapter, emptyStoreData());
            db.data = adapter.readUnlessKnown(known).data;
            const { outcomes, changed } = await change(db.data);
            if (this.#slices) freezeComments(db.data);
            if (changed) await db.write();
            if (this.#keepSnapshot) {
              const key = this.#fileKey();
              if (key !== undefined) this.#snapshot = { key, data: db.data };
            }
            return outcomes;
          } finally {
            this.#changing = undefined;
            done();
            adapter.close();
          }
        });
      } catch (err) {
        if (!(err instanceof ReplacedMeanwhile)) throw err;
        if (attempt < MAX_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 5)));
        } else {
          throw storeError(`the store ${this.location} was replaced by another writer each of ${MAX_ATTEMPTS} times this one tried; nothing was written`,
            `is something deleting ${this.location}.lock?`, 'STORE_BUSY');
        }
      }
    }
  }

  /** Creates the store file holding `data`; a file already there (even a corrupt one) is a conflict. */
  async create(data: StoreData): Promise<void> {
    // Refused before the lock is taken, which would leave a stray .lock file beside what is there.
    if (this.exists()) throw conflict(`a file exists at ${this.location} already; it was left untouched`, undefined, 'ALREADY_EXISTS');
    makeFolders(path.dirname(this.#file), "the store's folder");
    await this.#locked(async () => {
      try {
        await createFile(this.#file, storeText(data, this.#maxChars, this.location));
      } catch (err) {
        if (err instanceof RfaError) throw err;
        throw storeError(`cannot create the store ${this.location}: ${(err as Error).message}`);
      }
    });
  }

  /** A compressed copy taken under the lock (so no write is half-way), rotated to the newest `keep`. */
  async backup(dir: string, rotation: Rotation, now: Date): Promise<{ file: string; removed: string[] }> {
    this.#mustExist();
    const copy = async () => writeBackup(this.#file, fs.readFileSync(this.#file), dir, rotation, now);
    // On a read-only file system nobody can be half-way through a write: no lock needed (nor possible).
    if (readOnlyFileSystem(this.#file)) return copy();
    return this.#locked(copy);
  }

  /** The file's data, as parts (it is read whole: a file store is in memory anyway). */
  async *dump(): AsyncGenerator<DumpPart> {
    yield* partsOf(await this.#current());
  }

  /** Replaces the whole store without reading it first (a restore must work over a corrupt file). */
  async replaceAll(parts: AsyncIterable<DumpPart>): Promise<void> {
    this.#mustBeWritable();
    const data = await collectDump(parts);
    await this.#locked(async () => {
      // Ids handed out before the restore are never handed out again (the store replaced may be corrupt: then there is nothing to keep ahead of).
      let next = data.nextCommentId;
      try {
        next = Math.max(next, readStoreFile(this.#file).nextCommentId);
      } catch {
        // unreadable: the restore is what mends it
      }
      try {
        await replaceFile(this.#file, storeText({ ...data, nextCommentId: next }, this.#maxChars, this.location));
      } catch (err) {
        if (err instanceof RfaError) throw err;
        throw storeError(`cannot write the store ${this.location}: ${(err as Error).message}; it is unchanged`);
      }
    });
  }

  /** The folder backups go to by default: as configured, else backups/ beside the store. */
  get backupDir(): string {
    return this.#backupDir ?? path.join(path.dirname(this.#file), 'backups');
  }

  async #locked<T>(work: (lock: HeldLock) => Promise<T>): Promise<T> {
    const lock = await acquireLock(`${this.#file}.lock`, this.#lockWaitMs, this.location, this.#onWaiting);
    try {
      removeStaleTemps(this.#file);
      return await work(lock);
    } finally {
      lock.release();
    }
  }
}
