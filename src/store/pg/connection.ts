// Reaching the server: the URL as it may be shown (never with a password), one
// connection per command, and connection failures said in a desk's words.
import type { Client, ClientConfig } from 'pg';
import { storeError, usageError, type RfaError } from '../../errors.js';
import { loadPg } from './driver.js';

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** What the URL leaves out comes from libpq's variables (PGHOST, PGPORT, PGDATABASE, PGUSER), as psql does. */
export type PgEnv = Partial<Record<'PGHOST' | 'PGPORT' | 'PGDATABASE' | 'PGUSER', string>>;

/** The URL as it may be shown: never with a password. */
export function describeUrl(url: string, env: PgEnv): { shown: string; host: string; port: string; database: string; user: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: it may hold a password.
    throw usageError('the --store URL is not a valid postgres:// URL', 'postgres://user@host:port/database');
  }
  const host = u.hostname || env.PGHOST || 'localhost';
  const port = u.port || env.PGPORT || '5432';
  const database = decodeURIComponent(u.pathname.slice(1)) || env.PGDATABASE || decodeURIComponent(u.username) || 'postgres';
  const user = decodeURIComponent(u.username) || env.PGUSER || 'postgres';
  return { shown: `postgres://${user}@${host}:${port}/${database}`, host, port, database, user };
}

function connectionError(url: string, env: PgEnv, err: NodeJS.ErrnoException & { code?: string }): RfaError {
  const { host, port, database, user } = describeUrl(url, env);
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

export async function connect(url: string, env: PgEnv): Promise<Client> {
  const config: ClientConfig = { connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'rfa' };
  const client = new (loadPg().Client)(config);
  client.on('error', () => {}); // a dropped connection surfaces as a failed query
  try {
    await client.connect();
  } catch (err) {
    throw connectionError(url, env, err as NodeJS.ErrnoException);
  }
  return client;
}

const socketOf = (client: Client) => (client as unknown as { connection?: { stream?: { ref?: () => void; unref?: () => void } } }).connection?.stream;

/** Closes without waiting: the server ends the session on the Terminate message, and the process need not wait for the socket. */
export function disconnect(client: Client): void {
  client.end().catch(() => {});
  socketOf(client)?.unref?.();
}

/**
 * Connections kept open for a long-running process (rfa serve), at most `max`
 * at once: a request takes one (waiting when all are out) and gives it back,
 * so a page costs a round trip, not a new connection. A connection that saw
 * an error is closed, not kept.
 */
export class ConnectionPool {
  readonly #idle: Client[] = [];
  readonly #waiting: ((client: Client | undefined) => void)[] = [];
  #open = 0;

  constructor(
    private readonly url: string,
    private readonly env: PgEnv,
    private readonly max: number,
  ) {}

  async take(): Promise<Client> {
    const idle = this.#idle.pop();
    if (idle) {
      socketOf(idle)?.ref?.();
      return idle;
    }
    if (this.#open >= this.max) {
      const handed = await new Promise<Client | undefined>((resolve) => this.#waiting.push(resolve));
      if (handed) return handed;
    }
    this.#open++;
    try {
      return await connect(this.url, this.env);
    } catch (err) {
      this.#open--;
      throw err;
    }
  }

  give(client: Client, healthy: boolean): void {
    const next = this.#waiting.shift();
    if (healthy) {
      if (next) next(client);
      else {
        // An idle connection does not keep the process alive: a stopped server exits.
        socketOf(client)?.unref?.();
        this.#idle.push(client);
      }
      return;
    }
    this.#open--;
    disconnect(client);
    next?.(undefined); // the waiter opens a connection of its own
  }
}
