// What every command is given: the resolved store, who is acting, the clock and
// how to print. Built once per run from global options and the process's
// environment, so commands never read process.* themselves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArticleText } from './domain/article.js';
import { addArticle } from './domain/catalog.js';
import { normalizeName } from './domain/comment.js';
import { RfaError, storeError, usageError } from './errors.js';
import { JsonStore } from './store/file/json-store.js';
import { isPostgresUrl } from './store/pg/connection.js';
import { PgStore } from './store/pg/pg-store.js';
import type { CreatableStore, Store } from './store/store.js';
import { DEFAULT_LOCK_WAIT_MS } from './store/store.js';
import { emptyStoreData, type StoreData } from './domain/store-data.js';
import { colorLevel, loadStyle, type Style } from './render/style.js';

export interface GlobalOptions {
  store?: string;
  json?: boolean;
  as?: string;
  /** false when --no-color is given. */
  color?: boolean;
}

/** What a terminal's user, or the system, sends a program to end it: a kill, or the terminal closing. */
export type StopSignal = 'SIGTERM' | 'SIGHUP';

export interface Terminal {
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** A person may be watching stderr: say so when waiting. */
  stderrIsTTY?: boolean;
  stdoutColumns?: number;
  /** The terminal's size now, and a way to hear when it changes (SIGWINCH): only for a full-screen command. */
  screenSize?: () => { columns: number; rows: number };
  onResize?: (listener: () => void) => () => void;
  /** A way to hear the process asked to stop (SIGTERM, SIGHUP) instead of being ended at once: only for a full-screen command. */
  onStop?: (listener: (signal: StopSignal) => void) => () => void;
  /** Where the program is installed: the shipped article and default store live under its data/. */
  packageRoot: string;
  now: () => Date;
  /** The process's standard input, made only when a command reads it (making it costs start-up time). */
  stdin: () => NodeJS.ReadStream;
  /** Writes at once, and whole, to stdout (1) or stderr (2). */
  write: (fd: 1 | 2, text: string) => void;
}

export interface Context {
  json: boolean;
  /** When the command started: the time of everything it does. */
  now: Date;
  /** The time now, for a command that lasts (the review loop stamps each decision with its own time). */
  clock(): Date;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** A person may be watching stderr. */
  stderrIsTTY: boolean;
  /** Standard input: piped text, a terminal's keys or answers. */
  stdin(): NodeJS.ReadStream;
  /** Writes to the terminal at once (the review loop's screens), not as the result. */
  screen(text: string): void;
  /** A note on stderr at once, while the command goes on (a hint, a wait). */
  notice(text: string): void;
  style: Style;
  /** The store, created from the shipped article first when it is the default one and missing. */
  /** With `serving`, for a long-running server: a database's connections are kept open (up to a few) between requests. */
  openStore(options?: { serving?: boolean }): Promise<Store>;
  /** A store object for `init`: never bootstraps. */
  storeForInit(): CreatableStore;
  /** Another store, by path or postgres:// URL (the target of `store copy`). */
  storeAt(location: string): CreatableStore;
  /** The shipped article's text file. */
  seedFile: string;
  moderator(): string;
  /** Columns to wrap to: --width, else the terminal, else COLUMNS, else 80. */
  width(explicit?: number): number;
  /** The terminal's size at this moment (a full screen is redrawn to it). */
  screenSize(): { columns: number; rows: number };
  /** Calls `listener` when the terminal is resized; returns how to stop. */
  onResize(listener: () => void): () => void;
  /** Calls `listener` when the process is asked to stop (it then ends when the command does); returns how to stop hearing it. */
  onStop(listener: (signal: StopSignal) => void): () => void;
}

const MAX_LOCK_WAIT_MS = 2_147_483_000;

function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const raw = env.RFA_LOCK_TIMEOUT;
  if (raw === undefined || raw === '') return DEFAULT_LOCK_WAIT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw usageError(`RFA_LOCK_TIMEOUT must be a number of seconds, not '${raw}'`);
  // Timers (and PostgreSQL's lock_timeout) stop at 2^31 - 1 ms, about 24.8 days.
  if (seconds * 1000 > MAX_LOCK_WAIT_MS) throw usageError(`RFA_LOCK_TIMEOUT is at most ${MAX_LOCK_WAIT_MS / 1000} seconds (24.8 days), not '${raw}'`);
  return seconds * 1000;
}

/**
 * Where backups go unless a command is told: RFA_BACKUP_DIR; else, for a file,
 * backups/ beside it; for a database, backups/ in the default store's data
 * folder (never the folder a command happens to run in).
 */
function backupDirFor(location: string, env: NodeJS.ProcessEnv, packageRoot: string): string | undefined {
  if (env.RFA_BACKUP_DIR) return path.resolve(env.RFA_BACKUP_DIR);
  return isPostgresUrl(location) ? path.join(path.dirname(defaultStoreFile(env, packageRoot)), 'backups') : undefined;
}

/** The backend for a location: a postgres:// URL, else a JSON file. PostgreSQL's client loads only when connecting. */
/** Connections a server keeps open to its database: a few more than cores, well under PostgreSQL's default 100 for several servers. (A server's file store keeps the parsed file until it changes.) */
const SERVER_CONNECTIONS = 8;

function storeFor(location: string, terminal: Terminal, onWaiting?: (shown?: string) => void, serving = false): CreatableStore {
  const { env } = terminal;
  const backupDir = backupDirFor(location, env, terminal.packageRoot);
  return isPostgresUrl(location)
    ? new PgStore(location, { lockWaitMs: lockWaitMs(env), env, backupDir: backupDir!, pool: serving ? SERVER_CONNECTIONS : undefined, onWaiting })
    : new JsonStore(location, { lockWaitMs: lockWaitMs(env), onWaiting, backupDir, keepSnapshot: serving });
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function newStoreWithSeed(seedFile: string, now: Date): StoreData {
  let text: string;
  try {
    text = fs.readFileSync(seedFile, 'utf8');
  } catch (err) {
    throw storeError(`cannot read the shipped article ${seedFile}: ${(err as Error).message}`);
  }
  const data = emptyStoreData();
  addArticle(data, parseArticleText(text), now);
  return data;
}

/**
 * Where the store is when nobody says: in a clone (a git checkout), its own
 * data/ folder, ignored by git, as the README's quick start expects; in an
 * installed package (npm install -g), per user, under $XDG_DATA_HOME/rfa
 * (~/.local/share/rfa), so that reinstalling or upgrading keeps every comment
 * and each user of a shared install has a store of their own.
 */
export function defaultStoreFile(env: NodeJS.ProcessEnv, packageRoot: string): string {
  if (fs.existsSync(path.join(packageRoot, '.git'))) return path.join(packageRoot, 'data', 'rfa.json');
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(base, 'rfa', 'rfa.json');
}

/** Columns to fit output to: the terminal's, else COLUMNS, else 80. */
export function terminalWidth(terminal: Terminal): number {
  if (terminal.stdoutIsTTY && terminal.stdoutColumns) return terminal.stdoutColumns;
  const columns = Number(terminal.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

export async function createContext(options: GlobalOptions, terminal: Terminal): Promise<Context> {
  const { env } = terminal;
  const now = terminal.now();
  if (options.store === '') throw usageError('--store needs a path or a postgres:// URL');
  if (env.RFA_STORE === '') throw usageError('RFA_STORE is set but empty: give it a path or a postgres:// URL, or unset it');
  const explicit = options.store ?? env.RFA_STORE;
  const storeFile = explicit ?? defaultStoreFile(env, terminal.packageRoot);
  const seedFile = path.join(terminal.packageRoot, 'data', 'article.txt');
  // At a terminal, a writer kept waiting for the lock says so (once) instead of hanging in silence.
  // A database is named as the store shows it (never with a password).
  const waiting = (location: string) =>
    terminal.stderrIsTTY
      ? (shown?: string) => terminal.write(2, `waiting for ${shown ?? location}: another rfa process holds its lock (up to ${Math.round(lockWaitMs(env) / 1000)} s)…\n`)
      : undefined;
  const style = await loadStyle(colorLevel({ flag: options.color, env, isTTY: terminal.stdoutIsTTY }));

  return {
    json: !!options.json,
    now,
    clock: terminal.now,
    env,
    stdinIsTTY: terminal.stdinIsTTY,
    stdoutIsTTY: terminal.stdoutIsTTY,
    stderrIsTTY: !!terminal.stderrIsTTY,
    stdin: terminal.stdin,
    screen: (text) => terminal.write(1, text),
    notice: (text) => terminal.write(2, text),
    style,
    seedFile,
    storeForInit: () => storeFor(storeFile, terminal, waiting(storeFile)),
    storeAt: (location: string) => storeFor(location, terminal, waiting(location)),
    async openStore(how = {}) {
      const store = storeFor(storeFile, terminal, waiting(storeFile), how.serving);
      if (explicit === undefined && !(await store.present())) {
        try {
          await store.create(newStoreWithSeed(seedFile, now));
        } catch (err) {
          // Another process created it first: that is the store we want.
          if (!(err instanceof RfaError && err.code === 'CONFLICT')) throw err;
        }
      }
      return store;
    },
    moderator: () => {
      const name = normalizeName(options.as ?? (env.RFA_MODERATOR || osUser()), 'moderator name (--as)');
      // The record's automatic decisions are signed "policy" (and imports "import:…"): no person may sign as them.
      if (name.toLowerCase() === 'policy' || name.toLowerCase().startsWith('import:')) {
        throw usageError(`'${name}' is reserved for rfa's automatic decisions; moderate under your own name (--as or RFA_MODERATOR)`);
      }
      return name;
    },
    width: (explicitWidth?: number) => explicitWidth ?? terminalWidth(terminal),
    screenSize: () => {
      const size = terminal.screenSize?.();
      return { columns: size?.columns || terminalWidth(terminal), rows: size?.rows || Number(env.LINES) || 24 };
    },
    onResize: (listener) => terminal.onResize?.(listener) ?? (() => {}),
    onStop: (listener) => terminal.onStop?.(listener) ?? (() => {}),
  };
}

/** What a command hands back to be printed: results on stdout (whole, or in pieces when it may be huge), notes on stderr. */
export interface Output {
  /** A string is for people (escaped for the terminal on the way out) unless `data`; pieces are always data. */
  stdout?: string | Iterable<string> | AsyncIterable<string>;
  stderr?: string;
  /** stdout is exact data (JSON): written byte for byte. */
  data?: boolean;
  /** An exit code other than 0 for a result that is not an error (an interrupted review: 130). */
  exitCode?: number;
}

export const jsonOut = (value: unknown): Output => ({ stdout: `${JSON.stringify(value, null, 2)}\n`, data: true });
