// The program's one door to the process: it runs the CLI, prints what commands
// return, and is the only place that turns errors into exit codes.
import path from 'node:path';
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import type { Output } from './context.js';
import { EXIT_CODES, RfaError, type ErrorCode } from './errors.js';
import { safeLine } from './render/safe-text.js';
import { colorLevel, makeStyle } from './render/style.js';
import { version } from '../package.json';

const COMMANDER_CODES: Record<string, ErrorCode> = {
  'commander.invalidArgument': 'INVALID_INPUT',
};
const QUIET_COMMANDER_CODES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** --json before any "--" switches errors to JSON too, even when parsing itself failed. */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

interface Failure {
  code: ErrorCode;
  message: string;
  hint?: string;
  exitCode: number;
}

function classify(err: unknown): Failure {
  if (err instanceof RfaError) return { code: err.code, message: err.message, hint: err.hint, exitCode: EXIT_CODES[err.code] };
  if (err instanceof CommanderError) {
    const code = COMMANDER_CODES[err.code] ?? 'USAGE';
    const [first, ...rest] = err.message.replace(/^error: /, '').split('\n');
    let hint = rest.join(' ').trim().replace(/^\((.*)\)$/, '$1') || undefined;
    if (err.code === 'commander.unknownOption' && !hint) hint = "text that begins with '-' goes after '--'; see 'rfa --help'";
    return { code, message: first, hint, exitCode: EXIT_CODES[code] };
  }
  const e = err as NodeJS.ErrnoException;
  const detail = process.env.RFA_DEBUG ? `\n${e?.stack}` : '';
  return { code: 'STORE', message: `${e?.message ?? String(err)}${detail}`, exitCode: 1 };
}

function write(stream: NodeJS.WriteStream, text: string | undefined) {
  if (text) stream.write(text);
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `rfa ... | head -1`: the reader went away; stop quietly, as cat does.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const json = wantsJson(argv);
  const print = (out: Output) => {
    write(process.stdout, out.stdout);
    write(process.stderr, out.stderr);
  };
  const program = buildProgram(
    {
      env: process.env,
      stdinIsTTY: !!process.stdin.isTTY,
      stdoutIsTTY: !!process.stdout.isTTY,
      stdoutColumns: process.stdout.columns,
      packageRoot: path.resolve(__dirname, '..'),
      now: () => new Date(),
    },
    print,
    version,
  );
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError && QUIET_COMMANDER_CODES.has(err.code)) {
      // `rfa moderate` with no subcommand printed its help to stderr: still a usage error.
      process.exitCode = err.code === 'commander.help' ? EXIT_CODES.USAGE : 0;
      return;
    }
    const failure = classify(err);
    if (json) {
      const body: Record<string, string> = { code: failure.code, message: failure.message };
      if (failure.hint) body.hint = failure.hint;
      process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    } else {
      const style = makeStyle(colorLevel({ flag: argv.includes('--no-color') ? false : undefined, env: process.env, isTTY: !!process.stderr.isTTY }));
      // Messages can quote what a user typed or a store held: never pass controls through.
      process.stderr.write(`${style.red('error:')} ${safeLine(failure.message)}\n`);
      if (failure.hint) process.stderr.write(`${style.dim('hint:')} ${safeLine(failure.hint)}\n`);
    }
    process.exitCode = failure.exitCode;
  }
}

void main();
