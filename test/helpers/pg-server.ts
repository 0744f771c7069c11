// Starts a throw-away PostgreSQL cluster: initdb in a temporary folder,
// listening on loopback only; stop() ends it and removes the folder. Debian's
// server binaries are used (.ci/run installs them); initdb refuses to run as
// root, so the server runs as the postgres user when we are root. Used by the
// tests' global setup and by the benchmark.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql (.ci/run does)');
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
  stop(): void;
}

export async function startPgServer(): Promise<PgServer> {
  const bin = serverBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  // A user with a password, for the authentication tests; everyone else is trusted on loopback.
  const hba = path.join(data, 'pg_hba.conf');
  fs.writeFileSync(hba, `host all rfa_pw 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(dir, 'server.log'), '-w', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`,
  ]);
  execFileSync('psql', ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', "CREATE ROLE rfa_pw LOGIN PASSWORD 'right-password' SUPERUSER"]);
  return {
    base: `postgres://postgres@127.0.0.1:${port}`,
    port,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
