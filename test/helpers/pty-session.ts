// An interactive rfa on a pseudo-terminal (util-linux `script`): type keys,
// wait for what the screen shows, as a moderator would.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, cleanEnv, tempDir } from './rfa';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export class PtySession {
  output = '';
  readonly #child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  /** Where the terminal's name is written, so that the test can resize it. */
  readonly #ttyFile = path.join(tempDir(), 'tty');
  /** Where rfa's own process id is written (the shell execs it), so that the test can signal it. */
  readonly #pidFile = path.join(tempDir(), 'pid');

  constructor(args: string[], env: Record<string, string | undefined> = {}, size = { cols: 80, rows: 40 }) {
    const command = [process.execPath, BIN, ...args].map(quote).join(' ');
    this.#child = spawn('script', ['-qfec', `tty > ${quote(this.#ttyFile)}; stty cols ${size.cols} rows ${size.rows}; echo $$ > ${quote(this.#pidFile)}; exec ${command}`, '/dev/null'], {
      env: cleanEnv({ TERM: 'xterm', NO_COLOR: '1', ...env }),
    });
    this.#child.stdout.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    this.#child.stderr.setEncoding('utf8').on('data', (d: string) => (this.output += d));
    this.exited = new Promise((resolve) => this.#child.on('close', resolve));
  }

  /** Waits until the output since `from` contains `text`; returns the index after it. */
  async waitFor(text: string, from = 0, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.output.indexOf(text, from);
      if (at !== -1) return at + text.length;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen so far:\n${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  type(keys: string): void {
    this.#child.stdin.write(keys);
  }

  /** Types a key and waits for `expect` to appear after it. */
  async press(key: string, expect: string): Promise<void> {
    const from = this.output.length;
    this.type(key);
    await this.waitFor(expect, from);
  }

  /** Resizes the terminal, as dragging a window's corner does: the program gets SIGWINCH. */
  resize(cols: number, rows: number): void {
    const tty = fs.readFileSync(this.#ttyFile, 'utf8').trim();
    const r = spawnSync('stty', ['-F', tty, 'cols', String(cols), 'rows', String(rows)]);
    if (r.status !== 0) throw new Error(`stty: ${r.stderr}`);
  }

  /** Sends rfa itself a signal, as `kill` from another terminal does. */
  signal(name: NodeJS.Signals): void {
    process.kill(Number(fs.readFileSync(this.#pidFile, 'utf8')), name);
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}

/** Runs `fn` with a session on rfa `args`, and always ends the session after. */
export async function withPty(args: string[], env: Record<string, string | undefined>, fn: (s: PtySession) => Promise<void>, size?: { cols: number; rows: number }): Promise<void> {
  const session = new PtySession(args, env, size);
  try {
    await fn(session);
  } finally {
    session.kill();
  }
}
