// rfa's tables in PostgreSQL, their version, and the migrations between versions.
export const PG_SCHEMA_VERSION = 6;

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
  // 4: comments by web sender (the rate limit) and by receipt (a reader's link); most have neither, so the indexes are partial.
  4: `CREATE INDEX rfa_comments_sender ON rfa_comments ((data ->> 'sender')) WHERE (data ->> 'sender') IS NOT NULL;
CREATE INDEX rfa_comments_receipt ON rfa_comments ((data ->> 'receipt')) WHERE (data ->> 'receipt') IS NOT NULL;`,
  // 5: the figures of rfa stats, kept summed as comments are written: each decided comment's wait,
  // each moderator's decisions, and the pending comments by age. A store migrated to 5 has them
  // filled from its comments by the program (FILL_FIGURES), in the same transaction.
  5: `CREATE TABLE rfa_waits (id bigint PRIMARY KEY, seconds double precision NOT NULL);
CREATE INDEX rfa_waits_seconds ON rfa_waits (seconds);
CREATE TABLE rfa_decisions (moderator text NOT NULL, action text NOT NULL, n bigint NOT NULL, PRIMARY KEY (moderator, action));
CREATE INDEX rfa_comments_pending_age ON rfa_comments (created_at COLLATE "C", id) WHERE status = 'pending';`,
  // 6: imported comments by where they came from, so that an import finds what it brought before
  // without reading every comment; partial, as most comments were not imported.
  6: `CREATE INDEX rfa_comments_source ON rfa_comments ((data #>> '{source,from}'), (data #>> '{source,id}')) WHERE (data -> 'source') IS NOT NULL;`,
};

/** The migration after which the program fills what a migration's SQL cannot (the figures, from each comment's history). */
export const FILL_FIGURES = 5;

const setVersion = `UPDATE rfa_schema SET version = ${PG_SCHEMA_VERSION}`;

/** The statements that create the current schema in an empty database. */
export const createSchema = (): string[] => [SCHEMA_V1, ...migrationsAfter(1)];

/** The statements that take a store of schema `from` to the current one. */
export function migrationsAfter(from: number): string[] {
  const steps: string[] = [];
  for (let v = from + 1; v <= PG_SCHEMA_VERSION; v++) steps.push(MIGRATIONS[v]);
  return [...steps, setVersion];
}

/** Fails (division by zero) unless the schema is this program's; a missing table fails too (42P01). */
export const SCHEMA_GUARD = `SELECT 1 / (version = ${PG_SCHEMA_VERSION})::int AS schema_ok FROM rfa_schema`;
/** The error codes of a failed guard: then the slower checks are made. */
export const SCHEMA_SIGNALS = new Set(['22012', '42P01']);

/** Writers that add comments or change articles and settings take this transaction-scoped advisory lock. */
const LOCK_KEY = 0x7266_6131; // "rfa1"
export const STORE_LOCK = `SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
export const lockTimeout = (ms: number) => `SET LOCAL lock_timeout = ${Math.max(1, Math.round(ms))}`;

/** The comments' indexes but its primary key, as the database defines them now (a bulk load drops and remakes them). */
export const COMMENT_INDEXES = `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = 'rfa_comments' AND indexname <> 'rfa_comments_pkey' ORDER BY indexname`;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
