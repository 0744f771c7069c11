// The program's one door to the process: it runs the CLI, prints what commands
// return, and is the only place that turns errors into exit codes.
import path from 'node:path';
import { CommanderError, type Command } from 'commander';
import { buildProgram, commandsTaking, namedCommand, scanArgs } from './cli.js';
import type { Output, Terminal } from './context.js';
import { EXIT_CODES, RfaError, type ErrorCode, type Subcode } from './errors.js';
import { writeAll } from './io/output.js';
import { isTerminal } from './io/terminal.js';
import { forPeople, safeLine } from './render/safe-text.js';
import { colorLevel, loadStyle } from './render/style.js';
import { version } from '../package.json';

const COMMANDER_CODES: Record<string, ErrorCode> = {
  'commander.invalidArgument': 'INVALID_INPUT',
};
const QUIET_COMMANDER_CODES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

interface Failure {
  code: ErrorCode;
  subcode?: Subcode;
  message: string;
  hint?: string;
  exitCode: number;
}

/**
 * A parse error told with what would have worked: the usage line of the
 * command when an argument or option value is missing, and, for an option the
 * command does not take, the commands that do.
 */
function parseHint(err: CommanderError, program: Command, args: string[], hint: string | undefined): string | undefined {
  const { command, path } = namedCommand(program, args);
  if (err.code === 'commander.missingArgument' || err.code === 'commander.missingMandatoryOptionValue' || err.code === 'commander.optionMissingArgument') {
    return `usage: ${path} ${command.usage()}`;
  }
  if (err.code === 'commander.unknownOption') {
    const flag = /'([^']+)'/.exec(err.message)?.[1]?.split('=')[0];
    const takers = flag ? commandsTaking(program, flag) : [];
    // commander's guess is among this command's options; another command's option is more likely what was meant.
    if (takers.length && !(hint && /Did you mean --[^ ]+\?$/.test(hint))) {
      const shown = takers.slice(0, 2).map((t) => `'${t}'`).join(' and ') + (takers.length > 2 ? ` (and ${takers.length - 2} more)` : '');
      return `${flag} is an option of ${shown}, not of '${path}'`;
    }
  }
  return hint;
}

function classify(err: unknown): Failure {
  if (err instanceof RfaError) return { code: err.code, subcode: err.subcode, message: err.message, hint: err.hint, exitCode: EXIT_CODES[err.code] };
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

/** A password in a postgres:// argument, which `ps` would show to every user of the machine. */
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:@/\s]*):[^@/\s]*@/gi;

export async function main(argv: string[] = process.argv): Promise<void> {
  // Rewrite the process's arguments as ps sees them (Linux: /proc/<pid>/cmdline) without the password.
  if (argv.some((a) => a.replace(URL_PASSWORD, '') !== a)) process.title = argv.map((a) => a.replace(URL_PASSWORD, '$1:***@')).join(' ');
  // --json before any "--" switches errors to JSON too, even when parsing itself failed.
  const scanned = scanArgs(argv.slice(2));
  // `rfa ... | head -1`: when the reader goes away, stop quietly, as cat does.
  // Whatever a renderer forgot, no stored control or bidi character reaches a person's terminal.
  const print = async (out: Output) => {
    if (typeof out.stdout === 'string') {
      const text = out.data ? out.stdout : forPeople(out.stdout);
      // Longer than the screen, for a person: through the pager (loaded only then).
      const pager = !out.data && process.stdout.isTTY && text.split('\n').length > (process.stdout.rows || 24) ? await import('./io/pager.js') : undefined;
      const command = pager?.pagerCommand(process.env);
      if (!(pager && command && (await pager.page(text, command, process.env)))) writeAll(1, text);
    } else if (out.stdout) for await (const piece of out.stdout) if (!writeAll(1, piece)) break;
    if (out.stderr) writeAll(2, forPeople(out.stderr));
    if (out.exitCode !== undefined) process.exitCode = out.exitCode;
  };
  const stdoutIsTTY = await isTerminal(1);
  const terminal: Terminal = {
    env: process.env,
    stdinIsTTY: await isTerminal(0),
    stdoutIsTTY,
    stderrIsTTY: await isTerminal(2),
    stdoutColumns: stdoutIsTTY ? process.stdout.columns : undefined,
    screenSize: () => ({ columns: process.stdout.columns, rows: process.stdout.rows }),
    onResize: (listener) => {
      process.stdout.on('resize', listener);
      return () => void process.stdout.off('resize', listener);
    },
    onStop: (listener) => {
      const signals = ['SIGTERM', 'SIGHUP'] as const;
      const handlers = signals.map((signal) => [signal, () => listener(signal)] as const);
      for (const [signal, handler] of handlers) process.on(signal, handler);
      return () => void handlers.forEach(([signal, handler]) => process.off(signal, handler));
    },
    packageRoot: path.resolve(__dirname, '..'),
    now: () => new Date(),
    stdin: () => process.stdin,
    write: (fd, text) => void writeAll(fd, text),
  };
  const program = buildProgram(terminal, print, version, scanned.command);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError && QUIET_COMMANDER_CODES.has(err.code)) {
      // `rfa moderate` with no subcommand printed its help to stderr: still a usage error.
      process.exitCode = err.code === 'commander.help' ? EXIT_CODES.USAGE : 0;
      return;
    }
    const failure = classify(err);
    // The whole tree (only the named command was built), to find who takes an option.
    if (err instanceof CommanderError) failure.hint = parseHint(err, buildProgram(terminal, print, version), argv.slice(2), failure.hint);
    if (scanned.json) {
      const body: Record<string, string> = { code: failure.code, ...(failure.subcode ? { subcode: failure.subcode } : {}), message: failure.message };
      if (failure.hint) body.hint = failure.hint;
      writeAll(2, `${JSON.stringify({ error: body })}\n`);
    } else {
      const style = await loadStyle(colorLevel({ flag: scanned.noColor ? false : undefined, env: process.env, isTTY: await isTerminal(2) }));
      // Messages can quote what a user typed or a store held: never pass controls through.
      let text = `${style.red('error:')} ${safeLine(failure.message)}\n`;
      if (failure.hint) text += `${style.dim('hint:')} ${safeLine(failure.hint)}\n`;
      writeAll(2, text);
    }
    process.exitCode = failure.exitCode;
  }
}
