// An interactive rfa on a pseudo-terminal (util-linux `script`): type keys,
// wait for what the screen shows, as a moderator would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, cleanEnv } from './rfa';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export class PtySession {
  output = '';
  readonly #child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string | undefined> = {}) {
    const command = [process.execPath, BIN, ...args].map(quote).join(' ');
    this.#child = spawn('script', ['-qfec', `stty cols 80 rows 40; ${command}`, '/dev/null'], {
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

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}

/** Runs `fn` with a session on rfa `args`, and always ends the session after. */
export async function withPty(args: string[], env: Record<string, string | undefined>, fn: (s: PtySession) => Promise<void>): Promise<void> {
  const session = new PtySession(args, env);
  try {
    await fn(session);
  } finally {
    session.kill();
  }
}
