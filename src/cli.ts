// Every command, registered in one place: flags are parsed into options here
// and handed to a command function; nothing here decides anything.
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { createContext, terminalWidth, type Context, type GlobalOptions, type Output, type Terminal } from './context.js';
import { STATUSES } from './domain/comment.js';
import { MAX_ID } from './domain/records.js';
import { writeAll } from './io/output.js';
import { QUEUE_FORMATS } from './render/queue.js';
import { initStore } from './commands/init.js';
import { SHOW_FORMATS, showArticle, type ShowOptions } from './commands/show.js';
import { closeArticle, importArticle, listArticles, publishArticleCommand } from './commands/article.js';
import { addCommentCommand } from './commands/comment-add.js';
import { showQueue } from './commands/moderate-queue.js';
import { showComment } from './commands/moderate-show.js';
import { decide } from './commands/moderate-decide.js';
import { reopen } from './commands/moderate-reopen.js';
import { editCommentCommand } from './commands/moderate-edit.js';
import { showLog } from './commands/moderate-log.js';
import { purge } from './commands/moderate-purge.js';
import { review } from './commands/moderate-review.js';
import { changeList, setPolicy, showPolicy } from './commands/policy.js';
import { showStats } from './commands/stats.js';
import type { ServeCommandOptions } from './commands/serve.js';
import { completionScript } from './commands/completion.js';
import { IMPORT_FORMATS, type ImportFormat } from './domain/import-batch.js';
import { EXPORT_FORMATS, exportStore, type ExportOptions } from './commands/export.js';
import { backupStore, restoreStore } from './commands/backup.js';
import { copyStore } from './commands/store-copy.js';
import { storeInfo } from './commands/store-info.js';
import { helpText } from './commands/help.js';
import { explainFailure } from './commands/explain-failure.js';
import { RfaError, usageError } from './errors.js';
import { REASON_CODES, type ReasonCode } from './domain/reasons.js';

export type Print = (output: Output) => void | Promise<void>;

/** A comment id, as typed or as rfa prints it ("#12"). */
export function parseId(value: string): number {
  const digits = value.startsWith('#') ? value.slice(1) : value;
  if (!/^[1-9][0-9]*$/.test(digits) || Number(digits) > MAX_ID) {
    throw new InvalidArgumentError(`'${value}' is not a comment id (ids are positive integers, like 12 or #12)`);
  }
  return Number(digits);
}

/** Commander hands back what the last call returned: extend it in place (copying made 1,000 ids quadratic). */
const parseIds = (value: string, previous: number[] | undefined) => {
  const ids = previous ?? [];
  ids.push(parseId(value));
  return ids;
};

export function parsePositiveInt(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > 1_000_000_000) {
    throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  }
  return Number(value);
}

/** A whole number from 0 up (0 turns a thing off or, for a port, picks any free one). */
export function parseCount(value: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(value) || Number(value) > 1_000_000_000) throw new InvalidArgumentError(`'${value}' is not a whole number from 0`);
  return Number(value);
}

const parsePort = (value: string) => {
  const n = parseCount(value);
  if (n > 65535) throw new InvalidArgumentError(`'${value}' is not a port (0 to 65535)`);
  return n;
};

const examples = (...lines: string[]) => `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/**
 * The one look at the arguments before commander parses them, for what must be
 * known before (or without) a successful parse: the command named (only that
 * one is built: a start-up saving), and whether errors are to be JSON or
 * uncoloured, which holds even when parsing itself fails. Stops at "--".
 */
export function scanArgs(args: string[]): { command?: string; json: boolean; noColor: boolean } {
  const end = args.indexOf('--');
  const before = end === -1 ? args : args.slice(0, end);
  let command: string | undefined;
  for (let i = 0; i < before.length && command === undefined; i++) {
    const arg = before[i];
    if (arg === '--store' || arg === '--as') i++;
    else if (!arg.startsWith('-')) command = arg;
  }
  return { command, json: before.includes('--json'), noColor: before.includes('--no-color') };
}

/** The command the arguments name (the deepest one), and its path: for a usage line after a parse error. */
export function namedCommand(program: Command, args: string[]): { command: Command; path: string } {
  let command = program;
  const path: string[] = [];
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const arg = args[i];
    if (arg === '--store' || arg === '--as') i++;
    else if (!arg.startsWith('-')) {
      const sub = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
      if (!sub) break;
      command = sub;
      path.push(sub.name());
    }
  }
  return { command, path: ['rfa', ...path].join(' ') };
}

/** Every command that takes this option (for "'--reason' is an option of 'rfa moderate reject'"). */
export function commandsTaking(program: Command, flag: string): string[] {
  const found: string[] = [];
  const walk = (cmd: Command, path: string) => {
    if (path && cmd.options.some((o) => o.long === flag || o.short === flag)) found.push(path);
    for (const sub of cmd.commands) walk(sub, `${path ? `${path} ` : 'rfa '}${sub.name()}`);
  };
  walk(program, '');
  return found;
}

/** The program; with `only`, only that top-level command is registered (a start-up saving: see scanArgs). */
export function buildProgram(terminal: Terminal, print: Print, version: string, only?: string): Command {
  const program = new Command('rfa');

  // Settings first: .command() copies them to every subcommand created after.
  program
    .exitOverride()
    // main.ts reports errors, once, in the chosen format; help goes out as results do (a reader that left ends it quietly).
    .configureOutput({ outputError: () => {}, writeOut: (text) => void writeAll(1, text), writeErr: (text) => void writeAll(2, text) })
    .showSuggestionAfterError(true)
    // A subcommand's help lists the global options it takes too (--store, --json, --as, --no-color).
    .configureHelp({ showGlobalOptions: true })
    .description('Articles and their reader comments, held for moderation in a JSON store.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .option('--store <path|url>', "the store: a JSON file or a postgres:// URL (default: $RFA_STORE, else data/rfa.json in a clone, ~/.local/share/rfa/rfa.json installed; 'rfa store info' says which)")
    .option('--json', 'print results as JSON (errors too, on stderr)')
    .option('--as <name>', 'moderator name for the record (default: $RFA_MODERATOR, else your user name)')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', examples('rfa show', 'rfa moderate queue', "rfa moderate approve $(rfa moderate queue --format ids --author 'Jane Doe')"));

  /** Wires an action: global options into a context, the command's output to print. */
  const run =
    <A extends unknown[]>(fn: (ctx: Context, ...args: A) => Promise<Output>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const ctx = await createContext(cmd.optsWithGlobals() as GlobalOptions, terminal);
      let output: Output;
      try {
        output = await fn(ctx, ...(args.slice(0, -1) as A));
      } catch (err) {
        throw err instanceof RfaError ? err : await explainFailure(ctx, err);
      }
      await print(output);
    };

  // Each top-level command registers itself; a run that names one builds only that one
  // (the whole tree is built for help, completion and anything unrecognised).
  const commands: [string, () => void][] = [
    [
      'init',
      () => {
        program
          .command('init')
          .description('create the store, holding the shipped article')
          .option('--empty', 'create it with no articles')
          .addHelpText('after', examples('rfa init --store /srv/desk/comments.json'))
          .action(run((ctx, ...[opts]: [{ empty?: boolean }]) => initStore(ctx, { empty: !!opts.empty })));
      },
    ],
    [
      'show',
      () => {
        program
          .command('show')
          .description('show an article as a reader sees it, with its approved comments')
          .option('--article <id>', 'which article (needed when the store holds several)')
          .option('--width <cols>', 'wrap to this many columns (default: the terminal, else $COLUMNS, else 80)', parsePositiveInt)
          .option('--no-comments', 'leave the comments out')
          .addOption(new Option('--format <format>', 'text for the terminal, or a publishable page').choices(SHOW_FORMATS).default('text'))
          .option('--output <file>', 'write the page here (atomically) instead of to standard output')
          .addHelpText('after', examples('rfa show --width 72 | less', 'rfa show --format html --output /var/www/story.html'))
          .action(run((ctx, ...[opts]: [ShowOptions]) => showArticle(ctx, opts)));
      },
    ],
    [
      'article',
      () => {
        const article = program
          .command('article')
          .description('add and list articles')
          .helpCommand(false)
          .addHelpText('after', examples('rfa article import story.txt', 'rfa article list'));
        article
          .command('import <file>')
          .description('add an article from a plain-text file in the seed format')
          .option('--id <slug>', 'its id (default: made from the title)')
          .addHelpText('after', examples('rfa article import story.txt --id mongolia-talks'))
          .action(run((ctx, ...[file, opts]: [string, { id?: string }]) => importArticle(ctx, file, opts)));
        article
          .command('list')
          .description('list articles with their comment counts')
          .addHelpText('after', examples('rfa article list --json'))
          .action(run((ctx) => listArticles(ctx)));
        article
          .command('close')
          .argument('<id>', 'article id')
          .description('stop taking comments on an article')
          .addHelpText('after', examples('rfa article close mongolia-talks'))
          .action(run((ctx, ...[id]: [string]) => closeArticle(ctx, id, true)));
        article
          .command('open')
          .argument('<id>', 'article id')
          .description('take comments on an article again (also overrides auto-close)')
          .addHelpText('after', examples('rfa article open mongolia-talks'))
          .action(run((ctx, ...[id]: [string]) => closeArticle(ctx, id, false)));
        article
          .command('publish')
          .argument('<id>', 'article id')
          .description("show an imported article's approved comments to readers (it was not public at its source)")
          .addHelpText('after', examples('rfa article publish wp-draft-42'))
          .action(run((ctx, ...[id]: [string]) => publishArticleCommand(ctx, id)));
      },
    ],
    [
      'comment',
      () => {
        const comment = program
          .command('comment')
          .description('take comments in')
          .helpCommand(false)
          .addHelpText('after', examples("rfa comment add --author 'Jane Doe' 'Thank you for this report.'"));
        comment
          .command('add')
          .description('submit a comment; it waits for a moderator before it appears')
          .argument('[text]', "the text, or '-' to read it from standard input (the default when piped)")
          .requiredOption('--author <name>', "the commenter's name")
          .option('--email <address>', "the commenter's e-mail (never shown to readers)")
          .option('--reply-to <id>', 'reply to this approved comment', parseId)
          .option('--article <id>', 'which article (needed when the store holds several)')
          .addHelpText(
            'after',
            examples("rfa comment add --author 'Jane Doe' 'Thank you for this report.'", "rfa comment add --author Ken - < comment.txt", "rfa comment add --author Ken -- '-1, I disagree'"),
          )
          .action(
            run((ctx, ...[text, opts]: [string | undefined, { author: string; email?: string; replyTo?: number; article?: string }]) =>
              addCommentCommand(ctx, text, opts),
            ),
          );
      },
    ],
    [
      'moderate',
      () => {
        const moderate = program
          .command('moderate')
          .description('the moderation queue: review, queue, show, approve, reject, reopen, edit, log, purge')
          .helpCommand(false)
          .addHelpText('after', examples('rfa moderate queue', 'rfa moderate approve 12 14', "rfa moderate reject 13 --reason 'spam'"));
        moderate
          .command('queue')
          .description('list comments waiting for a decision, oldest first')
          .addOption(new Option('--status <status>', 'which comments').choices([...STATUSES, 'all']).default('pending'))
          .option('--article <id>', 'only this article')
          .option('--author <name>', 'only this author (whole name, any case)')
          .option('--search <text>', 'only comments whose text or author contains this (any case)')
          .option('--since <when>', 'only comments submitted since a date (2026-11-01) or a duration ago (90m, 12h, 7d)')
          .option('--flagged', 'only comments a house rule flagged')
          .addOption(new Option('--sort <order>', 'oldest or newest first').choices(['oldest', 'newest']).default('oldest'))
          .option('--limit <n>', 'at most this many', parsePositiveInt)
          .option('--offset <n>', 'skip this many first (with --limit: pages)', parseCount)
          .addOption(new Option('--format <format>', 'output format (--json is --format json)').choices(QUEUE_FORMATS))
          .option('--csv-raw', "CSV cells exactly as stored (by default a cell starting with = + - @ gets a leading ' so spreadsheets run no formula)")
          .addHelpText('after', examples('rfa moderate queue --limit 20', 'rfa moderate queue --format ids | xargs -r rfa moderate approve'))
          .action(run((ctx, ...[opts]: [Parameters<typeof showQueue>[1]]) => showQueue(ctx, opts)));
        moderate
          .command('show')
          .description('everything about one comment, with its history')
          .argument('<id>', 'comment id', parseId)
          .addHelpText('after', examples('rfa moderate show 12'))
          .action(run((ctx, ...[id]: [number]) => showComment(ctx, id)));
        moderate
          .command('approve')
          .description('approve comments (all or nothing: an unknown id changes none)')
          .argument('<ids...>', 'comment ids', parseIds)
          .option('--reason <text>', 'why, for the record')
          .addHelpText('after', examples('rfa moderate approve 12 14 15'))
          .action(run((ctx, ...[ids, opts]: [number[], { reason?: string }]) => decide(ctx, 'approved', ids, opts)));
        moderate
          .command('reject')
          .description('reject comments (all or nothing: an unknown id changes none)')
          .argument('<ids...>', 'comment ids', parseIds)
          .addOption(new Option('--code <code>', 'the reason as a code a commenter can be told').choices(REASON_CODES))
          .option('--reason <text>', 'why, in your words, for the record')
          .addHelpText('after', examples("rfa moderate reject 13 --code abuse --reason 'personal attack'"))
          .action(run((ctx, ...[ids, opts]: [number[], { reason?: string; code?: ReasonCode }]) => decide(ctx, 'rejected', ids, opts)));
        moderate
          .command('reopen')
          .description('take decisions back: the comments wait for a moderator again (all or nothing)')
          .argument('<ids...>', 'comment ids', parseIds)
          .option('--reason <text>', 'why, for the record')
          .addHelpText('after', examples("rfa moderate reopen 13 --reason 'rejected by mistake'"))
          .action(run((ctx, ...[ids, opts]: [number[], { reason?: string }]) => reopen(ctx, ids, opts)));
        moderate
          .command('edit')
          .argument('<id>', 'comment id', parseId)
          .description("replace a comment's text (the old text stays in its history)")
          .argument('[text]', "the new text, or '-' for standard input; none on a terminal opens $VISUAL/$EDITOR")
          .option('--reason <text>', 'why, for the record')
          .addHelpText('after', examples("rfa moderate edit 12 --reason 'removed phone number'", "rfa moderate edit 12 'Corrected text' --reason typo"))
          .action(run((ctx, ...[id, text, opts]: [number, string | undefined, { reason?: string }]) => editCommentCommand(ctx, id, text, opts)));

        moderate
          .command('review')
          .description('go through the pending queue one comment at a time (a terminal only)')
          .option('--article <id>', 'only this article')
          .addHelpText('after', examples('rfa moderate review', 'keys: a approve, r reject, e edit, s skip, u undo, q quit, ? help'))
          .action(run((ctx, ...[opts]: [{ article?: string }]) => review(ctx, opts)));
        moderate
          .command('log')
          .description('every moderation action, newest first')
          .option('--since <when>', 'since a date (2026-11-01) or a duration ago (90m, 12h, 7d)')
          .option('--by <moderator>', 'only this moderator (or "policy")')
          .option('--article <id>', 'only this article')
          .option('--limit <n>', 'at most this many', parsePositiveInt)
          .addHelpText('after', examples('rfa moderate log --since 1d --by alice'))
          .action(run((ctx, ...[opts]: [Parameters<typeof showLog>[1]]) => showLog(ctx, opts)));
        moderate
          .command('purge')
          .description('erase comments\' text and personal data for good, leaving a tombstone in the log')
          .argument('<ids...>', 'comment ids', parseIds)
          .requiredOption('--reason <text>', 'why (a legal or personal-data request), for the record')
          .option('--yes', 'do not ask (needed when not at a terminal)')
          .addHelpText('after', examples("rfa moderate purge 42 --reason 'GDPR erasure request #118' --yes"))
          .action(run((ctx, ...[ids, opts]: [number[], { reason: string; yes?: boolean }]) => purge(ctx, ids, opts)));
      },
    ],
    [
      'policy',
      () => {
        const policy = program
          .command('policy')
          .description('house rules applied to incoming comments, and reason messages')
          .helpCommand(false)
          .addHelpText('after', examples('rfa policy show', "rfa policy add banned-words 'cheap watches=spam'", 'rfa policy set max-links 2'));
        policy
          .command('show')
          .description('every rule and setting')
          .addHelpText('after', examples('rfa policy show --json'))
          .action(run((ctx) => showPolicy(ctx)));
        policy
          .command('set')
          .description('set a number, true/false, or reason.<code> message')
          .argument('<key>', 'max-links, flood-max, flood-window, trust-returning, auto-close-days, reason.<code>')
          .argument('<value>', 'the value (0 or false turns a rule off)')
          .addHelpText('after', examples('rfa policy set flood-max 5', 'rfa policy set flood-window 10', "rfa policy set reason.spam 'Advertising is not published.'"))
          .action(run((ctx, ...[key, value]: [string, string]) => setPolicy(ctx, key, value)));
        policy
          .command('add')
          .description('add entries to a list')
          .argument('<list>', 'banned-words, suspect-words, blocked-authors, trusted-authors')
          .argument('<entries...>', 'words or names/e-mails; "entry=code" sets the reason code for a ban')
          .addHelpText('after', examples('rfa policy add suspect-words idiot stupid', 'rfa policy add trusted-authors editor@example.org'))
          .action(run((ctx, ...[list, entries]: [string, string[]]) => changeList(ctx, 'add', list, entries)));
        policy
          .command('remove')
          .description('remove entries from a list')
          .argument('<list>', 'banned-words, suspect-words, blocked-authors, trusted-authors')
          .argument('<entries...>', 'the entries')
          .addHelpText('after', examples('rfa policy remove suspect-words stupid'))
          .action(run((ctx, ...[list, entries]: [string, string[]]) => changeList(ctx, 'remove', list, entries)));
      },
    ],
    [
      'serve',
      () => {
        program
          .command('serve')
          .description('serve the articles to readers on the web and take their comments into the queue')
          .option('--host <address>', 'the address to listen on', '127.0.0.1')
          .option('--port <n>', 'the port (0 picks a free one)', parsePort, 8080)
          .option('--base-url <url>', "the site's public address, behind a reverse proxy (links, and the origin posts must come from)")
          .option('--trust-proxy <n>', 'how many proxies of yours are in front: the client is that many hops back in X-Forwarded-For', parseCount, 0)
          .option('--cache-seconds <n>', 'how long a cache in front may keep a page', parseCount, 10)
          .option('--frame-ancestors <sources>', 'who may show the pages in a frame (CSP sources)', "'none'")
          // Loaded only for this command: the HTTP server costs the others nothing at start-up.
          .addHelpText('after', examples('rfa serve --port 0', 'rfa serve --base-url https://news.example.org --trust-proxy 1'))
          .action(run(async (ctx, ...[opts]: [ServeCommandOptions]) => (await import('./commands/serve.js')).serve(ctx, opts)));
      },
    ],
    [
      'stats',
      () => {
        program
          .command('stats')
          .description('counts per status and article, waiting times, decisions per moderator')
          .addHelpText('after', examples('rfa stats --json'))
          .action(run((ctx) => showStats(ctx)));
      },
    ],
    [
      'import',
      () => {
        program
          .command('import')
          .description('bring in articles and comments from WordPress, Disqus or an rfa export (again: adds nothing)')
          .argument('<file>', 'the export file')
          .addOption(new Option('--from <format>', 'what the file is (default: told from its first lines)').choices(IMPORT_FORMATS))
          .option('--dry-run', 'say what would be added and skipped, and write nothing')
          .addHelpText('after', examples('rfa import wordpress.xml --from wxr --dry-run', 'rfa import disqus.xml --from disqus'))
          .action(
            run(async (ctx, ...[file, opts]: [string, { from?: ImportFormat; dryRun?: boolean }]) => {
              // Loaded only here: the XML parser (and the stream modules it needs) would cost every other command's start.
              const { importFile } = await import('./commands/import.js');
              return importFile(ctx, file, opts);
            }),
          );
      },
    ],
    [
      'export',
      () => {
        program
          .command('export')
          .description('write out the store (rfa: everything, re-importable) or its comments')
          .option('--article <id>', 'only this article')
          .addOption(new Option('--status <status>', 'which comments').choices([...STATUSES, 'all']).default('all'))
          .addOption(new Option('--format <format>', 'rfa (everything), json, ndjson or csv').choices(EXPORT_FORMATS).default('rfa'))
          .option('--output <file>', 'write here (atomically) instead of to standard output')
          .option('--csv-raw', "CSV cells exactly as stored (by default a cell starting with = + - @ gets a leading ' so spreadsheets run no formula)")
          .addHelpText('after', examples('rfa export --output desk.rfa.json', 'rfa export --format csv --status approved > approved.csv'))
          .action(run((ctx, ...[opts]: [ExportOptions]) => exportStore(ctx, opts)));
      },
    ],
    [
      'backup',
      () => {
        program
          .command('backup')
          .description('a compressed, timestamped copy of the store, taken under its lock; old ones rotated')
          .option('--dir <dir>', 'where (default: backups/ beside the store)')
          .option('--keep <n>', 'how many to keep', parsePositiveInt, 10)
          .addHelpText('after', examples('rfa backup --dir /srv/backups/rfa --keep 30'))
          .action(run((ctx, ...[opts]: [{ dir?: string; keep: number }]) => backupStore(ctx, opts)));
      },
    ],
    [
      'restore',
      () => {
        program
          .command('restore')
          .description('replace the store with a backup, after backing up the current one')
          .argument('<file>', 'a backup (.gz) or a store file')
          .option('--yes', 'do not ask (needed when not at a terminal)')
          .addHelpText('after', examples('rfa restore backups/rfa.json.20261128T170305.123Z.gz --yes'))
          .action(run((ctx, ...[file, opts]: [string, { yes?: boolean }]) => restoreStore(ctx, file, opts)));
      },
    ],
    [
      'store',
      () => {
        const storeCmd = program
          .command('store')
          .description('the store itself: where it is, and copying it to another file or database')
          .helpCommand(false)
          .addHelpText('after', examples('rfa store copy --to postgres://rfa@db.example.org/desk'));
        storeCmd
          .command('copy')
          .description('copy everything to an empty store of either kind, keeping ids, and check the copy')
          .requiredOption('--to <store>', 'a file path or postgres:// URL')
          .addHelpText('after', examples('rfa store copy --to postgres://rfa@localhost/desk', 'rfa --store postgres://rfa@localhost/desk store copy --to desk.json'))
          .action(run((ctx, ...[opts]: [{ to: string }]) => copyStore(ctx, opts.to)));
        storeCmd
          .command('info')
          .alias('path')
          .description('which store commands use (--store, else RFA_STORE, else the default), its kind, size and counts')
          .addHelpText('after', examples('rfa store info', 'rfa store info --json | jq -r .location'))
          .action(run((ctx) => storeInfo(ctx)));
      },
    ],
    [
      'completion',
      () => {
        program
          .command('completion')
          .description('print a shell completion script')
          .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
          .addHelpText('after', examples('rfa completion bash > /etc/bash_completion.d/rfa', 'source <(rfa completion zsh)'))
          .action(async (shell: 'bash' | 'zsh', _options: unknown, cmd: Command) => {
            if (cmd.optsWithGlobals().json) throw usageError('--json and completion contradict each other: a completion script is shell code', `drop --json: rfa completion ${shell}`);
            await print({ stdout: completionScript(program, shell) });
          });
      },
    ],
    [
      'help',
      () => {
        program
          .command('help')
          .argument('[topic...]', 'a command (moderate approve) or a topic: exit-codes, environment, article-format')
          .description('help on a command, or on a topic')
          .addHelpText('after', examples('rfa help moderate reject', 'rfa help exit-codes'))
          .action(async (topic: string[]) => {
            await print({ stdout: helpText(program, topic, terminalWidth(terminal)) });
          });
      },
    ],
  ];
  // completion and help describe the whole tree: they build all of it.
  const chosen = only === undefined ? undefined : commands.find(([name]) => name === only && name !== 'completion' && name !== 'help');
  for (const [, register] of chosen ? [chosen] : commands) register();

  return program;
}
