// The PostgreSQL backend, behind the same Store interface as the JSON file, so
// every command, rule and output is the same on both. Records are kept as the
// JSON text rfa writes (type json keeps key order, so --json output is
// byte-identical), beside indexed columns for the queue, articles and authors.
//
// A transaction loads the articles, the settings and the comments its scope
// names (locking those rows; adding comments or changing articles and settings
// also takes a transaction-scoped advisory lock, which the server releases if
// the client dies), runs the same domain code as the JSON store on them, and
// writes back only the rows that changed.
import type { Client, ClientConfig } from 'pg';
import { conflict, RfaError, storeError, usageError } from '../errors.js';
import { STORE_VERSION, storeShapeProblem, type StoreData } from './schema.js';
import { DEFAULT_LOCK_WAIT_MS } from './lock.js';
import { ALL, type CreatableStore, type Outcome, type Scope } from './store.js';
import { queryComments, type QueueFilter } from '../domain/queue.js';
import type { Article } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import path from 'node:path';

export const PG_SCHEMA_VERSION = 1;
const LOCK_KEY = 0x7266_6131; // "rfa1"

const SCHEMA = `
CREATE TABLE rfa_schema (version integer NOT NULL);
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
            : /timeout/i.test(err.message)
              ? 'connection timed out'
              : (err.message ?? String(err)).replace(/:\/\/[^@/]*@/g, '://');
  return storeError(`cannot connect to ${where}: ${reason}`);
}

const BATCH = 500;

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
    return this.#session(async (client) => (await client.query(`SELECT to_regclass('rfa_schema') IS NOT NULL AS ok`)).rows[0].ok as boolean);
  }

  async #connect(): Promise<Client> {
    const pg = await import('pg');
    const config: ClientConfig = { connectionString: this.#url, connectionTimeoutMillis: 10_000, application_name: 'rfa' };
    const client = new pg.default.Client(config);
    client.on('error', () => {}); // a dropped connection surfaces as a failed query
    try {
      await client.connect();
    } catch (err) {
      throw connectionError(this.#url, err as NodeJS.ErrnoException);
    }
    return client;
  }

  async #session<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    try {
      return await work(client);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      if (err instanceof RfaError) throw err;
      const e = err as { code?: string; message: string };
      if (e.code === '55P03') {
        throw storeError(`the store ${this.location} is busy: another rfa process held its lock for ${Math.round(this.#lockWaitMs / 1000)} s`, 'nothing was written; try again');
      }
      throw storeError(`PostgreSQL error on ${this.location}: ${e.message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** Checks the schema is rfa's and not newer than this program. */
  async #checkSchema(client: Client): Promise<void> {
    const exists = await client.query(`SELECT to_regclass('rfa_schema') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) throw storeError(`no rfa store in ${this.location}`, `run 'rfa init --store ${this.location}' to create one`);
    const { rows } = await client.query('SELECT version FROM rfa_schema');
    const version = rows[0]?.version;
    if (version > PG_SCHEMA_VERSION) throw storeError(`${this.location}: store schema ${version} is newer than this rfa understands (${PG_SCHEMA_VERSION}); upgrade rfa; nothing was touched`);
  }

  /**
   * The articles, settings and the comments a scope names, in id order. In a
   * transaction the comments are locked (FOR UPDATE) until it ends.
   */
  async #load(client: Client, scope: Scope, lock: boolean): Promise<StoreData> {
    const meta = new Map((await client.query('SELECT key, value FROM rfa_meta')).rows.map((r) => [r.key as string, r.value]));
    const articles = (await client.query('SELECT data::text AS data FROM rfa_articles ORDER BY position')).rows.map((r) => JSON.parse(r.data) as Article);
    const [where, params, tail] = this.#commentQuery(scope, articles);
    const comments =
      where === null
        ? []
        : (await client.query(`SELECT data::text AS data FROM rfa_comments WHERE ${where} ${tail}${lock ? ' FOR UPDATE' : ''}`, params)).rows.map(
            (r) => JSON.parse(r.data) as Comment,
          );
    // The domain code relies on id order (a queue read newest first comes back reversed); sorted input costs nothing.
    comments.sort((a, b) => a.id - b.id);
    const seq = (await client.query('SELECT last_value, is_called FROM rfa_comment_id')).rows[0];
    const data: StoreData = {
      version: (meta.get('version') as number) ?? STORE_VERSION,
      nextCommentId: seq.is_called ? Number(seq.last_value) + 1 : Number(seq.last_value),
      articles,
      comments,
    };
    if (meta.has('settings') && meta.get('settings') !== null) data.settings = meta.get('settings') as StoreData['settings'];
    const problem = storeShapeProblem(data);
    if (problem) throw storeError(`${this.location}: ${problem}; it was left untouched`);
    return data;
  }

  /** WHERE clause, parameters and ORDER/LIMIT for a scope's comments; null for none. */
  #commentQuery(scope: Scope, articles: Article[]): [string | null, unknown[], string] {
    const order = 'ORDER BY id';
    switch (scope.comments) {
      case 'all':
        return ['true', [], order];
      case 'none':
        return [null, [], ''];
      case 'ids':
        return ['id = ANY($1::bigint[])', [scope.ids.map(String)], order];
      case 'thread': {
        const id = scope.articleId ?? (articles.length === 1 ? articles[0].id : null);
        return id === null ? [null, [], ''] : [`article_id = $1 AND status = 'approved'`, [id], order];
      }
      case 'author':
        return ['author_key = $1 OR email_key = $2 OR id = $3', [scope.author.toLowerCase(), scope.email?.toLowerCase() ?? null, scope.parentId ?? -1], order];
      case 'query':
        return this.#filterQuery(scope.filter, true);
    }
  }

  /** The queue filter in SQL: exact for everything but --search, which the domain code applies after. */
  #filterQuery(filter: QueueFilter, withLimit: boolean): [string, unknown[], string] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status !== 'all') add('status = ?', filter.status);
    if (filter.articleId !== undefined) add('article_id = ?', filter.articleId);
    if (filter.author !== undefined) add('author_key = ?', filter.author.normalize('NFC').trim().toLowerCase());
    if (filter.since !== undefined) add('created_at >= ?', filter.since.toISOString());
    if (filter.flagged) conditions.push(`json_array_length(coalesce(data -> 'flags', '[]'::json)) > 0`);
    const exact = !filter.search;
    const limit = withLimit && exact && filter.limit !== undefined ? ` LIMIT ${Math.floor(filter.limit)}` : '';
    return [conditions.length ? conditions.join(' AND ') : 'true', params, `ORDER BY id${filter.sort === 'newest' ? ' DESC' : ''}${limit}`];
  }

  async countComments(filter: QueueFilter): Promise<number> {
    if (filter.search) return queryComments(await this.read({ comments: 'query', filter }), filter).length;
    return this.#session(async (client) => {
      await this.#checkSchema(client);
      const [where, params] = this.#filterQuery(filter, false);
      const n = Number((await client.query(`SELECT count(*) AS n FROM rfa_comments WHERE ${where}`, params)).rows[0].n);
      return filter.limit !== undefined ? Math.min(n, filter.limit) : n;
    });
  }

  async read(scope: Scope = ALL): Promise<StoreData> {
    return this.#session(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await this.#checkSchema(client);
      const data = await this.#load(client, scope, false);
      await client.query('COMMIT');
      return data;
    });
  }

  async #lock(client: Client): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  }

  /** Opens a write transaction on an rfa store: waits for locks at most the lock timeout, and takes the store-wide lock when asked. */
  async #beginWrite(client: Client, storeWide: boolean): Promise<void> {
    await client.query('BEGIN');
    await this.#checkSchema(client);
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.#lockWaitMs))}`);
    if (storeWide) await this.#lock(client);
  }

  async update<T>(transaction: (data: StoreData) => Outcome<T>, scope: Scope = ALL): Promise<T> {
    return this.#session(async (client) => {
      // Decisions on named comments only lock those rows; anything that adds
      // comments or touches articles and settings takes the store-wide lock too.
      await this.#beginWrite(client, scope.comments !== 'ids');
      const data = await this.#load(client, scope, true);
      const before = {
        articles: new Map(data.articles.map((a) => [a.id, JSON.stringify(a)])),
        comments: new Map(data.comments.map((c) => [c.id, JSON.stringify(c)])),
        settings: JSON.stringify(data.settings ?? null),
        next: data.nextCommentId,
      };
      const { result, changed } = transaction(data);
      if (changed) {
        await this.#writeArticles(client, data.articles.filter((a) => before.articles.get(a.id) !== JSON.stringify(a)), before.articles);
        await this.#writeComments(client, data.comments.filter((c) => before.comments.get(c.id) !== JSON.stringify(c)), before.comments);
        if (JSON.stringify(data.settings ?? null) !== before.settings) await this.#writeMeta(client, data);
        if (data.nextCommentId !== before.next) await client.query('SELECT setval($1, $2, false)', ['rfa_comment_id', data.nextCommentId]);
      }
      await client.query('COMMIT');
      return result;
    });
  }

  async #writeMeta(client: Client, data: StoreData): Promise<void> {
    await client.query(
      `INSERT INTO rfa_meta (key, value) VALUES ('version', $1::json), ('settings', $2::json)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [JSON.stringify(data.version), JSON.stringify(data.settings ?? null)],
    );
    if (data.settings === undefined) await client.query(`DELETE FROM rfa_meta WHERE key = 'settings'`);
  }

  async #writeArticles(client: Client, articles: Article[], existing: Map<string, string>): Promise<void> {
    for (const a of articles) {
      if (existing.has(a.id)) await client.query('UPDATE rfa_articles SET data = $2::json WHERE id = $1', [a.id, JSON.stringify(a)]);
      else await client.query('INSERT INTO rfa_articles (id, data) VALUES ($1, $2::json)', [a.id, JSON.stringify(a)]);
    }
  }

  async #writeComments(client: Client, comments: Comment[], existing: Map<number, string>): Promise<void> {
    const fresh = comments.filter((c) => !existing.has(c.id));
    for (const c of comments.filter((x) => existing.has(x.id))) {
      await client.query('UPDATE rfa_comments SET status = $2, author_key = $3, email_key = $4, data = $5::json WHERE id = $1', [
        c.id,
        c.status,
        c.author.toLowerCase(),
        c.email?.toLowerCase() ?? null,
        JSON.stringify(c),
      ]);
    }
    for (let i = 0; i < fresh.length; i += BATCH) {
      const rows = fresh.slice(i, i + BATCH);
      const values: unknown[] = [];
      const tuples = rows.map((c, j) => {
        values.push(c.id, c.articleId, c.status, c.createdAt, c.author.toLowerCase(), c.email?.toLowerCase() ?? null, JSON.stringify(c));
        const k = j * 7;
        return `($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}, $${k + 6}, $${k + 7}::json)`;
      });
      await client.query(`INSERT INTO rfa_comments (id, article_id, status, created_at, author_key, email_key, data) VALUES ${tuples.join(', ')}`, values);
    }
  }

  /** Creates the schema and fills it; a database that already holds an rfa store is a conflict. */
  async create(data: StoreData): Promise<void> {
    await this.#session(async (client) => {
      await client.query('BEGIN');
      await this.#lock(client);
      const exists = await client.query(`SELECT to_regclass('rfa_schema') IS NOT NULL AS ok`);
      if (exists.rows[0].ok) throw conflict(`an rfa store exists in ${this.location} already; it was left untouched`);
      await client.query(SCHEMA);
      await client.query('INSERT INTO rfa_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
      await this.#fill(client, data);
      await client.query('COMMIT');
    });
  }

  async #fill(client: Client, data: StoreData): Promise<void> {
    await this.#writeMeta(client, data);
    await this.#writeArticles(client, data.articles, new Map());
    await this.#writeComments(client, data.comments, new Map());
    await client.query('SELECT setval($1, $2, false)', ['rfa_comment_id', data.nextCommentId]);
  }

  async replaceAll(data: StoreData): Promise<void> {
    await this.#session(async (client) => {
      await this.#beginWrite(client, true);
      await client.query('TRUNCATE rfa_comments, rfa_articles, rfa_meta');
      await this.#fill(client, data);
      await client.query('COMMIT');
    });
  }

  async backup(dir: string, keep: number, now: Date): Promise<{ file: string; removed: string[] }> {
    const data = await this.read();
    const { writeBackup } = await import('./backups.js');
    const { serializeChunks } = await import('./serialize.js');
    return writeBackup(`${describeUrl(this.#url).database}.json`, Buffer.from([...serializeChunks(data)].join('')), dir, keep, now);
  }
}
