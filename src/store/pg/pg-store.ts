// The PostgreSQL backend, behind the same Store interface as the JSON file, so
// every command, rule and output is the same on both. Records are kept as the
// JSON text rfa writes (type json keeps key order, so --json output is
// byte-identical), beside indexed columns for the queue, articles and authors,
// and a table of comment counts per article and status kept up to date by
// every write, so that counting does not grow with the store.
//
// An operation loads the settings and what it needs (needs-sql.ts; locking the
// comments; adding comments or changing articles and settings also takes a
// transaction-scoped advisory lock, which the server releases if the client
// dies), runs on them, and writes back only the rows that changed (writes.ts).
//
// Speed: a command is one connection and as few round trips as its work
// allows: a read is one, a write two (load and lock; then write and commit).
// So that a round trip can carry several statements, they are sent as one
// simple-protocol query with values quoted as SQL literals (sql-literal.ts).
// Each batch begins with a guard that fails unless the schema is the one this program
// writes; only then are the slower checks made (no store, newer schema, an
// older schema to migrate).
import type { Client, QueryResult } from 'pg';
import { conflict, RfaError, storeError } from '../../errors.js';
import type { Article } from '../../domain/article.js';
import type { CommentCount } from '../../domain/catalog.js';
import type { Comment, CommentStatus } from '../../domain/comment.js';
import type { Needs } from '../../domain/needs.js';
import { runInOrder, settled, type Operation, type Query, type RunStep } from '../../domain/operation.js';
import { queryComments, type QueueFilter } from '../../domain/queue-filter.js';
import { STORE_VERSION, storeShapeProblem, type StoreData } from '../../domain/store-data.js';
import { DEFAULT_LOCK_WAIT_MS, type CreatableStore, type Rotation, type Settled } from '../store.js';
import { ConnectionPool, connect, describeUrl, disconnect, type PgEnv } from './connection.js';
import { countStatement, loadStatements, loadStatementsForAll } from './needs-sql.js';
import { COMMENT_INDEXES, createSchema, FILL_FIGURES, lockTimeout, migrationsAfter, PG_SCHEMA_VERSION, quoteIdent, SCHEMA_GUARD, SCHEMA_SIGNALS, STORE_LOCK } from './schema.js';
import { changeWrites, commentBatches, commentWrites, countsAndSequence, figureWrites, fillBatches, headWrites, moveSequencePast, remember } from './writes.js';
import type { DecisionAction, StoreFigures } from '../../domain/figures.js';
import { DUMP_BATCH, type DumpPart } from '../dump.js';

export interface PgStoreOptions {
  lockWaitMs?: number;
  /** libpq's variables, for what the URL leaves out. */
  env?: PgEnv;
  /** Where backups go unless told otherwise (a database has no folder of its own). */
  backupDir: string;
  /** Keep up to this many connections open between sessions (a long-running server); one per session when absent. */
  pool?: number;
  /** Called once when a writer has waited about a second for the store's lock, with the store's name (no password). */
  onWaiting?: (shown: string) => void;
}

export class PgStore implements CreatableStore {
  readonly location: string;
  readonly backupDir: string;
  readonly #url: string;
  readonly #env: PgEnv;
  readonly #lockWaitMs: number;
  readonly #pool?: ConnectionPool;
  readonly #onWaiting?: (shown: string) => void;

  constructor(url: string, options: PgStoreOptions) {
    this.#url = url;
    this.#env = options.env ?? {};
    this.location = describeUrl(url, this.#env).shown;
    this.#lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.backupDir = options.backupDir;
    if (options.pool) this.#pool = new ConnectionPool(url, this.#env, options.pool);
    this.#onWaiting = options.onWaiting;
  }

  async present(): Promise<boolean> {
    return this.#session(async (client) => (await this.#schemaVersion(client)) !== null);
  }

  /** One connection for `work`; a schema guard that fails leads to the checks (and a migration, then `work` again). */
  async #session<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = this.#pool ? await this.#pool.take() : await connect(this.#url, this.#env);
    let healthy = true;
    try {
      try {
        return await work(client);
      } catch (err) {
        if (!SCHEMA_SIGNALS.has((err as { code?: string }).code ?? '')) throw err;
        await client.query('ROLLBACK').catch(() => {});
        // Then once more: the schema is this program's now (perhaps another process has just
        // migrated it); a failure that was something else fails again, and is reported.
        await this.#checkSchema(client);
        return await work(client);
      }
    } catch (err) {
      // A refusal leaves the connection usable; one that cannot even roll back is closed.
      healthy = await client.query('ROLLBACK').then(() => true, () => false);
      throw this.#failure(err);
    } finally {
      if (this.#pool) this.#pool.give(client, healthy);
      else disconnect(client);
    }
  }

  /** Whether that server process waits for a lock now (asked on a connection of its own). */
  async #waitsForLock(pid: number): Promise<boolean> {
    try {
      const client = await connect(this.#url, this.#env);
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND NOT granted', [pid]);
        return rows[0].n > 0;
      } finally {
        disconnect(client);
      }
    } catch {
      return false; // no second connection: say nothing rather than guess
    }
  }

  /** An error as rfa reports it: ours as they are, PostgreSQL's as a store error. */
  #failure(err: unknown): unknown {
    if (err instanceof RfaError) return err;
    const e = err as { code?: string; message: string };
    if (e.code === '55P03') {
      return storeError(`the store ${this.location} is busy: another rfa process held its lock for ${Math.round(this.#lockWaitMs / 1000)} s`, 'nothing was written; try again', 'STORE_BUSY');
    }
    return storeError(`PostgreSQL error on ${this.location}: ${e.message}`);
  }

  /** The schema's version; null when the database holds no rfa store. */
  async #schemaVersion(client: Client): Promise<number | null> {
    const exists = await client.query(`SELECT to_regclass('rfa_schema') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return null;
    const { rows } = await client.query('SELECT version FROM rfa_schema');
    return (rows[0]?.version as number | undefined) ?? null;
  }

  /** After a failed guard: no store or a newer schema is an error; an older one is migrated. */
  async #checkSchema(client: Client): Promise<void> {
    const version = await this.#schemaVersion(client);
    if (version === null) throw storeError(`no rfa store in ${this.location}`, `run 'rfa init --store ${this.location}' to create one`, 'STORE_MISSING');
    if (version > PG_SCHEMA_VERSION) throw storeError(`${this.location}: store schema ${version} is newer than this rfa understands (${PG_SCHEMA_VERSION}); upgrade rfa; nothing was touched`, undefined, 'STORE_NEWER');
    if (version === PG_SCHEMA_VERSION) return;
    const locked = await this.#batch(client, ['BEGIN', this.#lockTimeout(), STORE_LOCK, 'SELECT version FROM rfa_schema FOR UPDATE']);
    const from = locked[3].rows[0].version as number; // another process may have migrated it meanwhile
    await this.#batch(client, migrationsAfter(from));
    if (from < FILL_FIGURES) await this.#fillFigures(client);
    await this.#batch(client, ['COMMIT']);
  }

  /** Fills the figures of rfa stats from every comment, a batch at a time (once, when a store is migrated to keep them). */
  async #fillFigures(client: Client): Promise<void> {
    for await (const comments of this.#commentPages(client)) {
      const writes = figureWrites(comments, new Map());
      if (writes.length) await this.#batch(client, writes);
    }
  }

  /**
   * Every comment, DUMP_BATCH at a time in id order, in the client's transaction:
   * each batch asked for by the id where the last one ended, the next on its
   * way while this one is used.
   */
  async *#commentPages(client: Client): AsyncGenerator<Comment[]> {
    const page = (after: number) => client.query(`SELECT id, data::text AS data FROM rfa_comments WHERE id > ${after} ORDER BY id LIMIT ${DUMP_BATCH}`);
    for (let coming = page(0); ; ) {
      const { rows } = await coming;
      if (rows.length === 0) return;
      coming = page(Number(rows[rows.length - 1].id));
      coming.catch(() => {}); // a reader that stops early closes the connection under it: not an error
      yield rows.map((r) => JSON.parse(r.data) as Comment);
    }
  }

  /** The figures of rfa stats, as the database keeps them summed: a few index lookups, whatever the store's size. */
  async figures(): Promise<StoreFigures> {
    return this.#session(async (client) => {
      const [, , articles, counts, oldest, middle, decisions] = await this.#batch(client, [
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        SCHEMA_GUARD,
        'SELECT data::text AS data FROM rfa_articles ORDER BY position',
        'SELECT article_id, status, n FROM rfa_counts WHERE n > 0 ORDER BY article_id, status',
        `SELECT id, created_at FROM rfa_comments WHERE status = 'pending' ORDER BY created_at COLLATE "C", id LIMIT 1`,
        'SELECT seconds FROM rfa_waits ORDER BY seconds OFFSET (SELECT (count(*) - 1) / 2 FROM rfa_waits) LIMIT (SELECT 2 - count(*) % 2 FROM rfa_waits)',
        'SELECT moderator, action, n FROM rfa_decisions WHERE n <> 0 ORDER BY moderator COLLATE "C", action',
        'COMMIT',
      ]);
      return {
        articles: articles.rows.map((r) => JSON.parse(r.data) as Article),
        counts: counts.rows.map((r) => ({ articleId: r.article_id as string, status: r.status as CommentStatus, n: Number(r.n) })),
        oldestPending: oldest.rows.length ? { id: Number(oldest.rows[0].id), createdAt: oldest.rows[0].created_at as string } : null,
        middleWaits: middle.rows.map((r) => Number(r.seconds)),
        decisions: decisions.rows.map((r) => ({ by: r.moderator as string, action: r.action as DecisionAction, n: Number(r.n) })),
      };
    });
  }

  /** Runs statements in one round trip (one simple-protocol query); one result per statement, in order. */
  async #batch(client: Client, statements: string[]): Promise<QueryResult[]> {
    const results = (await client.query(statements.join(';\n'))) as unknown as QueryResult | QueryResult[];
    return Array.isArray(results) ? results : [results];
  }

  #lockTimeout = () => lockTimeout(this.#lockWaitMs);

  /**
   * A batch that takes the store's lock: should it still be running after
   * about a second, and the server say it waits for a lock (not just for a big
   * load), say so, once.
   */
  async #locking(client: Client, statements: string[]): Promise<QueryResult[]> {
    const pid = (client as unknown as { processID?: number }).processID;
    const tell = this.#onWaiting;
    const timer = tell && pid ? setTimeout(() => void this.#waitsForLock(pid).then((waits) => waits && tell(this.location)), 1000) : undefined;
    try {
      return await this.#batch(client, statements);
    } finally {
      clearTimeout(timer);
    }
  }

  #loaded([meta, articles, comments, seq]: QueryResult[]): StoreData {
    const values = new Map(meta.rows.map((r) => [r.key as string, JSON.parse(r.value as string)]));
    const { last_value: last, is_called: called } = seq.rows[0];
    const data: StoreData = {
      version: (values.get('version') as number) ?? STORE_VERSION,
      nextCommentId: called ? Number(last) + 1 : Number(last),
      articles: articles.rows.map((r) => JSON.parse(r.data) as Article),
      comments: comments.rows.map((r) => JSON.parse(r.data) as Comment),
    };
    if (values.has('settings') && values.get('settings') !== null) data.settings = values.get('settings') as StoreData['settings'];
    if (typeof values.get('secret') === 'string') data.secret = values.get('secret') as string;
    const problem = storeShapeProblem(data);
    if (problem) throw storeError(`${this.location}: ${problem}; it was left untouched`, undefined, problem.includes('newer than') ? 'STORE_NEWER' : 'STORE_CORRUPT');
    return data;
  }

  /** A consistent snapshot of what `needs` asks for, and the results of `also`, read in the same transaction. */
  async #snapshot(needs: Needs | readonly Needs[], also: string[] = []): Promise<{ data: StoreData; also: QueryResult[] }> {
    return this.#session(async (client) => {
      const load = loadStatementsForAll(Array.isArray(needs) ? needs : [needs as Needs], false);
      const results = await this.#batch(client, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', SCHEMA_GUARD, ...load, ...also, 'COMMIT']);
      const end = 2 + load.length;
      return { data: this.#loaded(results.slice(2, end)), also: results.slice(end, end + also.length) };
    });
  }

  /** What `needs` asks for (or any of them, as for a group commit), on a snapshot (the parity tests compare it with `restrict`). */
  async load(needs: Needs | readonly Needs[]): Promise<StoreData> {
    return (await this.#snapshot(needs)).data;
  }

  async ask<I, R>(query: Query<I, R>, input: I): Promise<R> {
    // A smaller read first, where the query knows one that may be enough.
    for (const attempt of query.attempts?.(input) ?? []) {
      const result = query.answer(await this.load(attempt.needs), attempt.input);
      if (attempt.enough(result)) return result;
    }
    return query.answer(await this.load(query.needs(input)), input);
  }

  /**
   * The server's snapshot of what is committed (which transactions it sees):
   * the same text means the same data for every question; a commit changes it.
   */
  async version(): Promise<string | undefined> {
    return this.#session(async (client) => (await client.query('SELECT pg_current_snapshot()::text AS v')).rows[0].v as string);
  }

  async countComments(filter: QueueFilter): Promise<number> {
    if (filter.search) return queryComments(await this.load({ comments: 'query', filter }), filter).length;
    return this.#session(async (client) => {
      const [, result] = await this.#batch(client, [SCHEMA_GUARD, countStatement(filter)]);
      const n = Math.max(0, Number(result.rows[0].n) - (filter.offset ?? 0));
      return filter.limit !== undefined ? Math.min(n, filter.limit) : n;
    });
  }

  async readCatalog(): Promise<{ data: StoreData; counts: CommentCount[] }> {
    const { data, also } = await this.#snapshot({ comments: 'none' }, ['SELECT article_id, status, n FROM rfa_counts WHERE n > 0 ORDER BY article_id, status']);
    return { data, counts: also[0].rows.map((r) => ({ articleId: r.article_id as string, status: r.status as CommentStatus, n: Number(r.n) })) };
  }

  async run<I, R>(op: Operation<I, R>, input: I, now: Date): Promise<R> {
    return settled(await this.runEach(op, [input], now));
  }

  /**
   * One transaction for a group of inputs (a group commit; a command's
   * operation is a group of one): one round trip that loads what any of them
   * needs and takes the locks, the operation once per input on that (in order:
   * each sees what the ones before did), and one round trip that writes what
   * changed and commits (one flush of the write-ahead log).
   */
  async runEach<I, R>(op: Operation<I, R>, inputs: readonly I[], now: Date): Promise<Settled<R>[]> {
    return this.#session(async (client) => {
      const needs = inputs.map((i) => op.needs(i));
      // Decisions on named comments only lock those rows; anything that adds
      // comments or touches articles and settings takes the store-wide lock too.
      const opening = ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), ...(needs.every((n) => n.comments === 'ids') ? [] : [STORE_LOCK])];
      const results = await this.#locking(client, [...opening, ...loadStatementsForAll(needs, true)]);
      const data = this.#loaded(results.slice(opening.length));
      const before = remember(data);
      const { outcomes, changed } = runInOrder(op, data, inputs, now);
      await this.#batch(client, [...(changed ? changeWrites(before, data) : []), 'COMMIT']);
      return outcomes;
    });
  }

  /**
   * One transaction for the steps: the store lock first, then each step's own
   * two round trips (load and lock what it needs; write what it changed), and
   * one commit at the end. The id sequence is not transactional: it is moved
   * once, with the commit, so that a transaction killed half-way leaves no gap
   * in the ids (each step is handed the next id the ones before it left).
   * A dry run reads each step's needs on one repeatable-read snapshot and writes nothing.
   */
  async transaction<T>(work: (run: RunStep) => Promise<T>, now: Date, options: { dryRun?: boolean } = {}): Promise<T> {
    const dryRun = !!options.dryRun;
    return this.#session(async (client) => {
      const opening = dryRun ? ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', SCHEMA_GUARD] : ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), STORE_LOCK];
      await this.#locking(client, opening);
      let next = 0;
      const result = await work(async (op, input) => {
        const data = this.#loaded(await this.#batch(client, loadStatements(op.needs(input), !dryRun)));
        data.nextCommentId = Math.max(data.nextCommentId, next);
        const before = dryRun ? undefined : remember(data);
        const { result, changed } = op.run(data, input, now);
        if (before && changed) await this.#batch(client, changeWrites(before, data, { sequence: false }));
        next = data.nextCommentId;
        return result;
      });
      await this.#batch(client, dryRun ? ['ROLLBACK'] : [...(next ? [moveSequencePast(next)] : []), 'COMMIT']);
      return result;
    });
  }

  /** Creates the schema and fills it; a database that already holds an rfa store is a conflict. */
  async create(data: StoreData): Promise<void> {
    await this.#session(async (client) => {
      await this.#batch(client, ['BEGIN', STORE_LOCK]);
      if ((await this.#schemaVersion(client)) !== null) throw conflict(`an rfa store exists in ${this.location} already; it was left untouched`, undefined, 'ALREADY_EXISTS');
      await this.#batch(client, createSchema());
      await this.#fill(client, data, false);
      await this.#batch(client, ['COMMIT']);
    });
  }

  async #fill(client: Client, data: StoreData, onlyForward: boolean): Promise<void> {
    for (const batch of fillBatches(data, onlyForward)) await this.#batch(client, batch);
  }

  /**
   * Bulk loading: adds comments as they are (ids kept, the id sequence moved past
   * them) with their counts, in one transaction under the store lock. For
   * seeding a large store a chunk at a time, where one StoreData would not fit.
   */
  async appendComments(comments: Comment[]): Promise<void> {
    const next = comments.reduce((max, c) => Math.max(max, c.id + 1), 1);
    await this.#session(async (client) => {
      await this.#batch(client, ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), STORE_LOCK]);
      await this.#batch(client, [...commentWrites(comments, new Map()), moveSequencePast(next), 'COMMIT']);
    });
  }

  /**
   * The whole store on one snapshot (a read-only repeatable-read transaction),
   * a batch of comments at a time by id: the memory it takes is a batch's,
   * whatever the store's size.
   */
  async *dump(): AsyncGenerator<DumpPart> {
    // The schema checked (and an older one migrated) first, as in any session.
    await this.#session(async (client) => void (await this.#batch(client, [SCHEMA_GUARD])));
    const client = await connect(this.#url, this.#env);
    try {
      const results = await this.#batch(client, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', SCHEMA_GUARD, ...loadStatements({ comments: 'none' }, false)]);
      yield { head: this.#loaded(results.slice(2)) };
      for await (const comments of this.#commentPages(client)) yield { comments };
      await client.query('COMMIT');
    } catch (err) {
      throw this.#failure(err);
    } finally {
      disconnect(client);
    }
  }

  /**
   * One transaction under the store lock, so writers wait for it, filled from
   * the parts as they come (a restore of a million comments never holds them
   * all); a part that fails, or a dump that ends badly, rolls it all back.
   * DELETE, not TRUNCATE: TRUNCATE's exclusive table locks deadlocked readers,
   * and a reader whose snapshot predates it saw empty tables. The id sequence
   * never goes back: ids handed out before are not handed out again.
   */
  async replaceAll(parts: AsyncIterable<DumpPart>): Promise<void> {
    await this.#session(async (client) => {
      // The comments' table is locked first, before any row: a decision that holds rows of it
      // is waited for, never deadlocked with; readers wait for the commit. Its secondary indexes
      // are made again after the load (a million rows: seconds, where keeping them up to date
      // row by row took minutes), from their definitions as the database holds them.
      const opening = ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), STORE_LOCK, 'LOCK TABLE rfa_comments IN ACCESS EXCLUSIVE MODE', COMMENT_INDEXES];
      const indexes = (await this.#batch(client, opening))[opening.length - 1].rows as { name: string; definition: string }[];
      await this.#batch(client, [...indexes.map((i) => `DROP INDEX ${quoteIdent(i.name)}`), 'DELETE FROM rfa_counts', 'DELETE FROM rfa_waits', 'DELETE FROM rfa_decisions', 'DELETE FROM rfa_comments', 'DELETE FROM rfa_articles', 'DELETE FROM rfa_meta']);
      let head: StoreData | undefined;
      for await (const part of parts) {
        if ('head' in part) {
          head = part.head;
          await this.#batch(client, headWrites(head));
        } else {
          for (const batch of commentBatches(part.comments)) await this.#batch(client, batch);
        }
      }
      if (!head) throw new Error('a store dump without its head');
      await this.#batch(client, [...indexes.map((i) => i.definition), 'ANALYZE rfa_comments', ...countsAndSequence(head.nextCommentId, true), 'COMMIT']);
    });
  }

  async backup(dir: string, rotation: Rotation, now: Date): Promise<{ file: string; removed: string[] }> {
    const { writeBackup } = await import('../file/backups.js');
    const { serializeDump } = await import('../serialize.js');
    // As it is read: a big database's text would not fit in memory, let alone one string.
    return writeBackup(`${describeUrl(this.#url, this.#env).database}.json`, serializeDump(this.dump()), dir, rotation, now);
  }
}
