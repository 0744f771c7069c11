// The PostgreSQL backend, behind the same Store interface as the JSON file, so
// every command, rule and output is the same on both. Records are kept as the
// JSON text rfa writes (type json keeps key order, so --json output is
// byte-identical), beside indexed columns for the queue, articles and authors,
// and a table of comment counts per article and status kept up to date by
// every write, so that counting does not grow with the store.
//
// A transaction loads the settings and the articles and comments its scope
// names (locking those comments; adding comments or changing articles and settings
// also takes a transaction-scoped advisory lock, which the server releases if
// the client dies), runs the same domain code as the JSON store on them, and
// writes back only the rows that changed.
//
// Speed: a command is one connection and as few round trips as its work
// allows: a read is one, a write two (load and lock; then write and commit).
// So that a round trip can carry several statements, they are sent as one
// simple-protocol query with values quoted as SQL literals (sql-literal.ts).
// Each batch begins with a guard that fails unless the schema is the one this program
// writes; only then are the slower checks made (no store, newer schema, an
// older schema to migrate).
import type { Client, ClientConfig, QueryResult } from 'pg';
import { conflict, RfaError, storeError, usageError } from '../errors.js';
import { STORE_VERSION, storeShapeProblem, type StoreData } from '../domain/store-data.js';
import { DEFAULT_LOCK_WAIT_MS } from './lock.js';
import { ALL, type CreatableStore, type Outcome, type Scope } from './store.js';
import { queryComments, type QueueFilter } from '../domain/queue.js';
import type { Article } from '../domain/article.js';
import type { CommentCount } from '../domain/catalog.js';
import type { Comment, CommentStatus } from '../domain/comment.js';
import path from 'node:path';
import { loadPg } from './pg-driver.js';
import { sqlLiteral as lit } from './sql-literal.js';

export const PG_SCHEMA_VERSION = 3;
const LOCK_KEY = 0x7266_6131; // "rfa1"

/** The first schema; each later version is a migration below, so a new store and a migrated one are the same. */
const SCHEMA_V1 = `
CREATE TABLE rfa_schema (version integer NOT NULL);
INSERT INTO rfa_schema (version) VALUES (1);
CREATE TABLE rfa_meta (key text PRIMARY KEY, value json NOT NULL);
CREATE SEQUENCE rfa_comment_id;
CREATE TABLE rfa_articles (position bigserial, id text PRIMARY KEY, data json NOT NULL);
CREATE TABLE rfa_comments (
  id bigint PRIMARY KEY,
  article_id text NOT NULL REFERENCES rfa_articles (id),
  status text NOT NULL,
  created_at text NOT NULL,
  author_key text NOT NULL,
  email_key text,
  data json NOT NULL
);
CREATE INDEX rfa_comments_queue ON rfa_comments (status, id);
CREATE INDEX rfa_comments_article ON rfa_comments (article_id, status, id);
CREATE INDEX rfa_comments_author ON rfa_comments (author_key);
CREATE INDEX rfa_comments_email ON rfa_comments (email_key);
`;

/** MIGRATIONS[v] takes a store from version v - 1 to v. */
const MIGRATIONS: Record<number, string> = {
  // 2: comment counts per article and status, so that counting the queue does not scan it.
  2: `
CREATE TABLE rfa_counts (article_id text NOT NULL, status text NOT NULL, n bigint NOT NULL, PRIMARY KEY (article_id, status));
INSERT INTO rfa_counts (article_id, status, n) SELECT article_id, status, count(*) FROM rfa_comments GROUP BY article_id, status;
`,
  // 3: comments by the time of their latest history entry, for the moderation log's --since.
  // ANALYZE gives the planner the expression's statistics, without which it would scan the table.
  3: `CREATE INDEX rfa_comments_updated ON rfa_comments ((data ->> 'updatedAt')); ANALYZE rfa_comments;`,
};

/** Fails (division by zero) unless the schema is this program's; a missing table fails too (42P01). */
const SCHEMA_GUARD = `SELECT 1 / (version = ${PG_SCHEMA_VERSION})::int AS schema_ok FROM rfa_schema`;
const SCHEMA_SIGNALS = new Set(['22012', '42P01']);

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** The URL as it may be shown: never with a password. */
export function describeUrl(url: string): { shown: string; host: string; port: string; database: string; user: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: it may hold a password.
    throw usageError('the --store URL is not a valid postgres:// URL', 'postgres://user@host:port/database');
  }
  const host = u.hostname || process.env.PGHOST || 'localhost';
  const port = u.port || process.env.PGPORT || '5432';
  const database = decodeURIComponent(u.pathname.slice(1)) || process.env.PGDATABASE || decodeURIComponent(u.username) || 'postgres';
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'postgres';
  return { shown: `postgres://${user}@${host}:${port}/${database}`, host, port, database, user };
}

function connectionError(url: string, err: NodeJS.ErrnoException & { code?: string }): RfaError {
  const { host, port, database, user } = describeUrl(url);
  const where = `PostgreSQL at ${host}:${port}, database ${database}`;
  const reason =
    err.code === 'ECONNREFUSED'
      ? 'connection refused (is the server running and listening there?)'
      : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN'
        ? `unknown host ${host}`
        : err.code === '28P01' || err.code === '28000'
          ? `authentication failed for user ${user} (password from the URL, PGPASSWORD or ~/.pgpass)`
          : err.code === '3D000'
            ? `database ${database} does not exist`
            : // The client's own timeout, not a server error that names a timeout setting (options=-c statement_timeout=x).
              err.code === 'ETIMEDOUT' || (!/^[0-9A-Z]{5}$/.test(err.code ?? '') && /timeout/i.test(err.message))
              ? 'connection timed out'
              : (err.message ?? String(err)).replace(/:\/\/[^@/]*@/g, '://');
  return storeError(`cannot connect to ${where}: ${reason}`, undefined, 'STORE_UNREACHABLE');
}

const idArray = (ids: readonly number[]) => `ARRAY[${ids.map(lit).join(',')}]::bigint[]`;

/** The indexed columns of a comment row beside its JSON text (given when already made), as SQL literals in table order. */
const commentRow = (c: Comment, text = JSON.stringify(c)) =>
  `(${lit(c.id)}, ${lit(c.articleId)}, ${lit(c.status)}, ${lit(c.createdAt)}, ${lit(c.author.toLowerCase())}, ${lit(c.email?.toLowerCase() ?? null)}, ${lit(text)}::json)`;

/** Rows per INSERT when filling a store. */
const FILL_BATCH = 1000;

export class PgStore implements CreatableStore {
  readonly location: string;
  readonly #url: string;
  readonly #lockWaitMs: number;

  constructor(url: string, options: { lockWaitMs?: number } = {}) {
    this.#url = url;
    this.location = describeUrl(url).shown;
    this.#lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  get backupDir(): string {
    return path.resolve('backups');
  }

  async present(): Promise<boolean> {
    return this.#session(async (client) => (await this.#schemaVersion(client)) !== null);
  }

  async #connect(): Promise<Client> {
    const config: ClientConfig = { connectionString: this.#url, connectionTimeoutMillis: 10_000, application_name: 'rfa' };
    const client = new (loadPg().Client)(config);
    client.on('error', () => {}); // a dropped connection surfaces as a failed query
    try {
      await client.connect();
    } catch (err) {
      throw connectionError(this.#url, err as NodeJS.ErrnoException);
    }
    return client;
  }

  /** One connection for `work`; a schema guard that fails leads to the checks (and a migration, then `work` again). */
  async #session<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.#connect();
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
      await client.query('ROLLBACK').catch(() => {});
      if (err instanceof RfaError) throw err;
      const e = err as { code?: string; message: string };
      if (e.code === '55P03') {
        throw storeError(`the store ${this.location} is busy: another rfa process held its lock for ${Math.round(this.#lockWaitMs / 1000)} s`, 'nothing was written; try again', 'STORE_BUSY');
      }
      throw storeError(`PostgreSQL error on ${this.location}: ${e.message}`);
    } finally {
      // Not waited for: the server ends the session on the Terminate message, and the
      // process need not wait for it to close the socket.
      client.end().catch(() => {});
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    }
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
    const locked = await this.#batch(client, ['BEGIN', this.#lockTimeout(), this.#storeLock(), 'SELECT version FROM rfa_schema FOR UPDATE']);
    const from = locked[3].rows[0].version as number; // another process may have migrated it meanwhile
    const steps: string[] = [];
    for (let v = from + 1; v <= PG_SCHEMA_VERSION; v++) steps.push(MIGRATIONS[v]);
    await this.#batch(client, [...steps, `UPDATE rfa_schema SET version = ${PG_SCHEMA_VERSION}`, 'COMMIT']);
  }

  /** Runs statements in one round trip (one simple-protocol query); one result per statement, in order. */
  async #batch(client: Client, statements: string[]): Promise<QueryResult[]> {
    const results = (await client.query(statements.join(';\n'))) as unknown as QueryResult | QueryResult[];
    return Array.isArray(results) ? results : [results];
  }

  #lockTimeout = () => `SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.#lockWaitMs))}`;
  #storeLock = () => `SELECT pg_advisory_xact_lock(${LOCK_KEY})`;

  /** The statements that load a snapshot: meta, the scope's articles and comments (locked with `lock`), the id sequence. */
  #loadStatements(scope: Scope, lock: boolean): string[] {
    const where = this.#commentWhere(scope);
    return [
      'SELECT key, value::text AS value FROM rfa_meta',
      `SELECT data::text AS data FROM rfa_articles WHERE ${this.#articleWhere(scope, where)} ORDER BY position`,
      // The domain code relies on id order.
      `SELECT data::text AS data FROM rfa_comments WHERE ${where ?? 'false'} ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
      'SELECT last_value, is_called FROM rfa_comment_id',
    ];
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
    const problem = storeShapeProblem(data);
    if (problem) throw storeError(`${this.location}: ${problem}; it was left untouched`, undefined, problem.includes('newer than') ? 'STORE_NEWER' : 'STORE_CORRUPT');
    return data;
  }

  /**
   * The WHERE clause for a scope's articles (see Scope): the one it names, else
   * all (to find the only one, or to say which there are); for named comments,
   * theirs. A named article that does not exist brings all of them, so that the
   * domain code's "no article 'x'; known ids: …" is the same as on the file.
   */
  #articleWhere(scope: Scope, commentWhere: string | null): string {
    const named = (id: string | undefined) => (id === undefined ? 'true' : `id = ${lit(id)} OR NOT EXISTS (SELECT 1 FROM rfa_articles WHERE id = ${lit(id)})`);
    switch (scope.comments) {
      case 'all':
      case 'none':
        return 'true';
      case 'thread':
      case 'author':
        return named(scope.articleId);
      case 'ids':
      case 'query':
      case 'changed':
        // DISTINCT: the planner then finds the comments once, instead of filtering each article's comments.
        return commentWhere === null ? 'false' : `id IN (SELECT DISTINCT article_id FROM rfa_comments WHERE ${commentWhere})`;
    }
  }

  /** The WHERE clause for a scope's comments; null for none. */
  #commentWhere(scope: Scope): string | null {
    switch (scope.comments) {
      case 'all':
        return 'true';
      case 'none':
        return null;
      case 'ids':
        return `id = ANY(${idArray(scope.ids)})`;
      case 'thread': {
        // Unnamed, the article is the store's only one.
        const article = scope.articleId !== undefined ? lit(scope.articleId) : '(SELECT min(id) FROM rfa_articles HAVING count(*) = 1)';
        return `article_id = ${article} AND status = 'approved'`;
      }
      case 'author':
        return `author_key = ${lit(scope.author.toLowerCase())} OR email_key = ${lit(scope.email?.toLowerCase() ?? null)} OR id = ${lit(scope.parentId ?? -1)}`;
      case 'changed':
        // ISO times compare as text; the expression is the one the index holds.
        return `(data ->> 'updatedAt') >= ${lit(scope.since.toISOString())}${scope.articleId !== undefined ? ` AND article_id = ${lit(scope.articleId)}` : ''}`;
      case 'query': {
        const filter = scope.filter;
        const where = this.#filterWhere(filter);
        // A limit can go to the server only when it knows the whole filter (not --search).
        if (filter.search || filter.limit === undefined) return where;
        const order = filter.sort === 'newest' ? 'DESC' : '';
        return `id IN (SELECT id FROM rfa_comments WHERE ${where} ORDER BY id ${order} LIMIT ${lit(Math.floor(filter.limit))})`;
      }
    }
  }

  /** The queue filter in SQL: exact for everything but --search, which the domain code applies after. */
  #filterWhere(filter: QueueFilter): string {
    const conditions: string[] = [];
    if (filter.status !== 'all') conditions.push(`status = ${lit(filter.status)}`);
    if (filter.articleId !== undefined) conditions.push(`article_id = ${lit(filter.articleId)}`);
    if (filter.author !== undefined) conditions.push(`author_key = ${lit(filter.author.normalize('NFC').trim().toLowerCase())}`);
    if (filter.since !== undefined) conditions.push(`created_at >= ${lit(filter.since.toISOString())}`);
    if (filter.flagged) conditions.push(`json_array_length(coalesce(data -> 'flags', '[]'::json)) > 0`);
    return conditions.length ? conditions.join(' AND ') : 'true';
  }

  async countComments(filter: QueueFilter): Promise<number> {
    if (filter.search) return queryComments(await this.read({ comments: 'query', filter }), filter).length;
    // Status and article alone are answered from the counts table; anything else is counted.
    const byCounts = filter.author === undefined && filter.since === undefined && !filter.flagged;
    const count = byCounts
      ? `SELECT coalesce(sum(n), 0) AS n FROM rfa_counts WHERE ${[
          filter.status !== 'all' ? `status = ${lit(filter.status)}` : 'true',
          filter.articleId !== undefined ? `article_id = ${lit(filter.articleId)}` : 'true',
        ].join(' AND ')}`
      : `SELECT count(*) AS n FROM rfa_comments WHERE ${this.#filterWhere(filter)}`;
    return this.#session(async (client) => {
      const [, result] = await this.#batch(client, [SCHEMA_GUARD, count]);
      const n = Number(result.rows[0].n);
      return filter.limit !== undefined ? Math.min(n, filter.limit) : n;
    });
  }

  /** A consistent snapshot of the scope, and the results of `also`, read in the same transaction. */
  async #snapshot(scope: Scope, also: string[] = []): Promise<{ data: StoreData; also: QueryResult[] }> {
    return this.#session(async (client) => {
      const load = this.#loadStatements(scope, false);
      const results = await this.#batch(client, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', SCHEMA_GUARD, ...load, ...also, 'COMMIT']);
      const end = 2 + load.length;
      return { data: this.#loaded(results.slice(2, end)), also: results.slice(end, end + also.length) };
    });
  }

  async readCatalog(): Promise<{ data: StoreData; counts: CommentCount[] }> {
    const { data, also } = await this.#snapshot({ comments: 'none' }, ['SELECT article_id, status, n FROM rfa_counts WHERE n > 0 ORDER BY article_id, status']);
    return { data, counts: also[0].rows.map((r) => ({ articleId: r.article_id as string, status: r.status as CommentStatus, n: Number(r.n) })) };
  }

  async read(scope: Scope = ALL): Promise<StoreData> {
    return (await this.#snapshot(scope)).data;
  }

  async update<T>(transaction: (data: StoreData) => Outcome<T>, scope: Scope = ALL): Promise<T> {
    return this.#session(async (client) => {
      // Decisions on named comments only lock those rows; anything that adds
      // comments or touches articles and settings takes the store-wide lock too.
      const opening = ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), ...(scope.comments !== 'ids' ? [this.#storeLock()] : [])];
      const results = await this.#batch(client, [...opening, ...this.#loadStatements(scope, true)]);
      const data = this.#loaded(results.slice(opening.length));
      const before = {
        articles: new Map(data.articles.map((a) => [a.id, JSON.stringify(a)])),
        comments: new Map(data.comments.map((c) => [c.id, { json: JSON.stringify(c), articleId: c.articleId, status: c.status }])),
        settings: JSON.stringify(data.settings ?? null),
        next: data.nextCommentId,
      };
      const { result, changed } = transaction(data);
      const writes: string[] = [];
      if (changed) {
        const articles = data.articles.filter((a) => before.articles.get(a.id) !== JSON.stringify(a));
        writes.push(...this.#articleWrites(articles, before.articles));
        // Each comment's text, made once: to see what changed, then to write it.
        const texts = new Map(data.comments.map((c) => [c.id, JSON.stringify(c)]));
        const comments = data.comments.filter((c) => before.comments.get(c.id)?.json !== texts.get(c.id));
        writes.push(...this.#commentWrites(comments, before.comments, texts));
        if (JSON.stringify(data.settings ?? null) !== before.settings) writes.push(...this.#metaWrites(data));
        if (data.nextCommentId !== before.next) writes.push(`SELECT setval('rfa_comment_id', ${lit(data.nextCommentId)}, false)`);
      }
      await this.#batch(client, [...writes, 'COMMIT']);
      return result;
    });
  }

  #metaWrites(data: StoreData): string[] {
    return [
      `INSERT INTO rfa_meta (key, value) VALUES ('version', ${lit(JSON.stringify(data.version))}::json), ('settings', ${lit(JSON.stringify(data.settings ?? null))}::json)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      ...(data.settings === undefined ? [`DELETE FROM rfa_meta WHERE key = 'settings'`] : []),
    ];
  }

  #articleWrites(articles: Article[], existing: Map<string, string>): string[] {
    return articles.map((a) =>
      existing.has(a.id)
        ? `UPDATE rfa_articles SET data = ${lit(JSON.stringify(a))}::json WHERE id = ${lit(a.id)}`
        : `INSERT INTO rfa_articles (id, data) VALUES (${lit(a.id)}, ${lit(JSON.stringify(a))}::json)`,
    );
  }

  /** Changed and new comments, and what they change in the counts (in key order, so that writers lock count rows in one order). */
  #commentWrites(comments: Comment[], existing: Map<number, { articleId: string; status: string }>, texts?: Map<number, string>): string[] {
    if (comments.length === 0) return [];
    const statements: string[] = [];
    const changed = comments.filter((c) => existing.has(c.id));
    const fresh = comments.filter((c) => !existing.has(c.id));
    if (changed.length) {
      statements.push(`UPDATE rfa_comments AS c SET article_id = v.article_id, status = v.status, created_at = v.created_at, author_key = v.author_key, email_key = v.email_key, data = v.data
        FROM (VALUES ${changed.map((c) => commentRow(c, texts?.get(c.id))).join(',\n')}) AS v (id, article_id, status, created_at, author_key, email_key, data) WHERE c.id = v.id`);
    }
    if (fresh.length) statements.push(this.#insertComments(fresh, texts));
    const delta = new Map<string, number>();
    const bump = (articleId: string, status: string, by: number) => {
      const key = JSON.stringify([articleId, status]);
      delta.set(key, (delta.get(key) ?? 0) + by);
    };
    for (const c of comments) {
      const old = existing.get(c.id);
      if (old) bump(old.articleId, old.status, -1);
      bump(c.articleId, c.status, 1);
    }
    const rows = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (rows.length) {
      const values = rows.map(([key, n]) => {
        const [articleId, status] = JSON.parse(key) as [string, string];
        return `(${lit(articleId)}, ${lit(status)}, ${lit(n)})`;
      });
      statements.push(`INSERT INTO rfa_counts (article_id, status, n) VALUES ${values.join(', ')} ON CONFLICT (article_id, status) DO UPDATE SET n = rfa_counts.n + EXCLUDED.n`);
    }
    return statements;
  }

  #insertComments(comments: Comment[], texts?: Map<number, string>): string {
    return `INSERT INTO rfa_comments (id, article_id, status, created_at, author_key, email_key, data) VALUES ${comments.map((c) => commentRow(c, texts?.get(c.id))).join(',\n')}`;
  }

  /** Creates the schema and fills it; a database that already holds an rfa store is a conflict. */
  async create(data: StoreData): Promise<void> {
    await this.#session(async (client) => {
      await this.#batch(client, ['BEGIN', this.#storeLock()]);
      if ((await this.#schemaVersion(client)) !== null) throw conflict(`an rfa store exists in ${this.location} already; it was left untouched`, undefined, 'ALREADY_EXISTS');
      const migrations = Object.keys(MIGRATIONS).map(Number).sort((a, b) => a - b).map((v) => MIGRATIONS[v]);
      await this.#batch(client, [SCHEMA_V1, ...migrations, `UPDATE rfa_schema SET version = ${PG_SCHEMA_VERSION}`]);
      await this.#fill(client, data);
      await this.#batch(client, ['COMMIT']);
    });
  }

  /** Writes a whole store's data into empty tables, then its counts; `onlyForward`: the id sequence is never moved back. */
  async #fill(client: Client, data: StoreData, onlyForward = false): Promise<void> {
    await this.#batch(client, [...this.#metaWrites(data), ...this.#articleWrites(data.articles, new Map())]);
    for (let i = 0; i < data.comments.length; i += FILL_BATCH) await this.#batch(client, [this.#insertComments(data.comments.slice(i, i + FILL_BATCH))]);
    await this.#batch(client, [
      'INSERT INTO rfa_counts (article_id, status, n) SELECT article_id, status, count(*) FROM rfa_comments GROUP BY article_id, status',
      onlyForward ? this.#moveSequencePast(data.nextCommentId) : `SELECT setval('rfa_comment_id', ${lit(data.nextCommentId)}, false)`,
    ]);
  }

  /** The id sequence set to at least `next`, never back. */
  #moveSequencePast = (next: number) =>
    `SELECT setval('rfa_comment_id', greatest(${lit(next)}, (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM rfa_comment_id)), false)`;

  /**
   * Bulk loading: adds comments as they are (ids kept, the id sequence moved past
   * them) with their counts, in one transaction under the store lock. For
   * seeding a large store a chunk at a time, where one StoreData would not fit.
   */
  async appendComments(comments: Comment[]): Promise<void> {
    const next = comments.reduce((max, c) => Math.max(max, c.id + 1), 1);
    await this.#session(async (client) => {
      await this.#batch(client, ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), this.#storeLock()]);
      await this.#batch(client, [
        ...this.#commentWrites(comments, new Map()),
        this.#moveSequencePast(next),
        'COMMIT',
      ]);
    });
  }

  /**
   * One transaction under the store lock, so writers wait for it. DELETE, not
   * TRUNCATE: TRUNCATE's exclusive table locks deadlocked readers, and a reader
   * whose snapshot predates it saw empty tables. The id sequence never goes
   * back: ids handed out before the restore are not handed out again.
   */
  async replaceAll(data: StoreData): Promise<void> {
    await this.#session(async (client) => {
      await this.#batch(client, ['BEGIN', SCHEMA_GUARD, this.#lockTimeout(), this.#storeLock(), 'DELETE FROM rfa_counts', 'DELETE FROM rfa_comments', 'DELETE FROM rfa_articles', 'DELETE FROM rfa_meta']);
      await this.#fill(client, data, true);
      await this.#batch(client, ['COMMIT']);
    });
  }

  async backup(dir: string, keep: number, now: Date): Promise<{ file: string; removed: string[] }> {
    const data = await this.read();
    const { writeBackup } = await import('./backups.js');
    const { serializeChunks } = await import('./serialize.js');
    // In pieces: a big database's text would not fit in one string.
    return writeBackup(`${describeUrl(this.#url).database}.json`, serializeChunks(data), dir, keep, now);
  }
}
