// `rfa serve` as a separate process on a free port, the way a desk runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, cleanEnv, tempDir } from './rfa';

export interface Served {
  url: string;
  child: ChildProcess;
  /** What it logged on stderr so far. */
  log(): string;
  /** Sends the signal and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

export async function serve(store: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--store', store, ...args], {
    env: cleanEnv({ RFA_BACKUP_DIR: tempDir(), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rfa serve did not start: ${stderr}`)), 15_000);
    const look = () => {
      const m = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', look);
    void ended.then(({ code }) => reject(new Error(`rfa serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    log: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const end = await ended;
      return { ...end, stdout };
    },
  };
}

/** The form's token on an article page. */
export function tokenIn(html: string): string {
  const m = /name="token" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1];
}

/** Posts the article's form as a browser would (urlencoded), from `sender` (through --trust-proxy 1). */
export async function postForm(url: string, articleId: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/articles/${articleId}/comments`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function postJson(url: string, articleId: string, value: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  });
}
