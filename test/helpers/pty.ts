// Runs rfa on a pseudo-terminal through util-linux `script`, so that stdin and
// stdout are a real terminal, as when a moderator types the command.
import { spawn } from 'node:child_process';
import { BIN, cleanEnv } from './rfa';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export function rfaOnTerminal(args: string[], env: Record<string, string | undefined> = {}, size = { cols: 80, rows: 40 }): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `stty cols ${size.cols} rows ${size.rows}; ${command}`, '/dev/null'], { env: cleanEnv({ TERM: 'xterm', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replace(/\r\n/g, '\n') }));
  });
}
