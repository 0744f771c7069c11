// Runs the built binary as a separate process, the way a shell script does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostgresUrl } from '../../src/store/pg/connection';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'rfa.js');

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  /** Another rfa launcher (an installed copy); this clone's by default. */
  bin?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** An environment free of the caller's colour and rfa settings, so results do not depend on who runs the tests. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['FORCE_COLOR', 'NO_COLOR', 'COLUMNS', 'RFA_STORE', 'RFA_MODERATOR', 'RFA_LOCK_TIMEOUT', 'RFA_BACKUP_DIR', 'VISUAL', 'EDITOR', 'NODE_EXTRA_CA_CERTS', 'PAGER', 'LESS']) {
    delete env[key];
  }
  // No pager unless a test asks for one: at a pseudo-terminal, less would wait for a key.
  env.RFA_PAGER = '';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Where rfa runs unless told otherwise: a folder of its own, so nothing it writes by default (a database store's backups/) lands in the repository. */
let defaultCwd: string | undefined;

/** Where a database store's backups go unless a test says: a scratch folder, not the clone's data/. */
let scratchBackups: string | undefined;

export function rfa(args: string[], options: RunOptions = {}): Promise<Result> {
  defaultCwd ??= tempDir();
  const env = cleanEnv(options.env);
  if (!(options.env && 'RFA_BACKUP_DIR' in options.env) && args.some(isPostgresUrl)) env.RFA_BACKUP_DIR = scratchBackups ??= tempDir();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd ?? defaultCwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-test-'));
}

/** A fresh store holding the shipped article; returns its path. */
export async function newStore(dir = tempDir(), name = 'store.json'): Promise<string> {
  const file = path.join(dir, name);
  const r = await rfa(['init', '--store', file]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return file;
}

/** Runs rfa against a store and parses its --json output; fails loudly when the command does. */
export async function rfaJson<T = any>(store: string, args: string[], options: RunOptions = {}): Promise<T> {
  const r = await rfa([...args, '--store', store, '--json'], options);
  if (r.code !== 0) throw new Error(`rfa ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export const readStore = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
