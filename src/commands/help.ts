// `rfa help [command...|topic]`: a command's help, as --help gives it, or one
// of the topics that belong to no command.
import type { Command } from 'commander';
import { EXIT_CODES, SUBCODES, usageError } from '../errors.js';
import { wrapParagraph } from '../render/wrap.js';

const EXIT_MEANINGS: Record<number, string> = {
  0: 'success (a no-op too, such as approving an approved comment)',
  1: 'store or I/O failure: missing, corrupt, newer version, busy, unreachable',
  2: 'usage or invalid input',
  3: 'not found: a comment or an article',
  4: 'conflict: duplicate, flood limit, closed article, reply target, exists already, purged',
};

/** Two columns, the second wrapped to the width. */
const columns = (rows: [string, string][], left: number, width: number) =>
  rows.flatMap(([k, v]) => wrapParagraph(v, Math.max(20, width - 2 - left)).map((line, i) => `  ${(i === 0 ? k : '').padEnd(left)}${line}`));

function exitCodes(width: number): string {
  const codes = columns(
    Object.entries(EXIT_MEANINGS).map(([n, m]) => {
      const names = Object.entries(EXIT_CODES).filter(([, v]) => v === Number(n)).map(([k]) => k);
      return [n, `${m}${names.length ? ` (--json code ${names.join(', ')})` : ''}`];
    }),
    3,
    width,
  );
  const subs = columns(Object.entries(SUBCODES), 19, width);
  return [
    'Exit codes',
    ...codes,
    '',
    ...wrapParagraph('With --json an error is {"error": {"code", "subcode", "message", "hint"}} on stderr. The subcode, where there is one, says which conflict or store failure it was:', width),
    ...subs,
    '',
  ].join('\n');
}

const ENVIRONMENT: [string, string][] = [
  ['RFA_STORE', 'the store (a file or a postgres:// URL) when --store is not given; set but empty is an error'],
  ['RFA_MODERATOR', 'your name in the record when --as is not given (else your user name)'],
  ['RFA_BACKUP_DIR', "the folder for automatic and 'rfa backup' backups (default: backups/ beside a store file; for a database, beside the default store)"],
  ['RFA_LOCK_TIMEOUT', "seconds a writer waits for the store's lock (default 30)"],
  ['RFA_DEBUG', 'set: an unexpected failure prints its stack trace too'],
  ['NO_COLOR', 'set and not empty: no colour'],
  ['FORCE_COLOR', 'set and not empty: colour even through a pipe (0 turns it off)'],
  ['COLUMNS', 'width to fit and wrap to when stdout is not a terminal'],
  ['TZ', 'the time zone of times shown at a terminal; piped and --json are UTC'],
  ['EDITOR, VISUAL', "the editor for 'moderate edit' and the review loop"],
  ['XDG_DATA_HOME', 'where an installed rfa keeps its default store (rfa/rfa.json)'],
  ['PGPASSWORD, PGUSER, …', 'as for psql (and ~/.pgpass), for postgres:// stores'],
];

const ARTICLE_FORMAT = `The article text format (rfa article import <file>)
Plain UTF-8 text; blank lines separate blocks.
  1. The first line is the title.
  2. A block with a line starting "By " is the header:
     lines before it are the subtitle, the "By ..." line
     the byline, a short line after it the dateline.
  3. A caption line, then a line in parentheses
     ("(Photographer/Agency)"): the figure's caption and
     credit.
  4. Every other block is a paragraph, but a block
     starting "Edited by" (the editor's note) and a last
     block starting "Add your comment" (the comment
     policy, shown above the form).
The shipped article, data/article.txt, is an example.
`;

const TOPICS: Record<string, (width: number) => string> = {
  'exit-codes': exitCodes,
  environment: (width) => ['Environment', ...columns(ENVIRONMENT, 22, width), ''].join('\n'),
  'article-format': () => ARTICLE_FORMAT,
};

export const HELP_TOPICS = Object.keys(TOPICS);

export function helpText(program: Command, words: string[], width = 80): string {
  if (words.length === 1 && TOPICS[words[0]]) return TOPICS[words[0]](width);
  let cmd = program;
  for (const word of words) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) {
      throw usageError(`no command or help topic '${words.join(' ')}'`, `topics: ${Object.keys(TOPICS).join(', ')}; commands: ${program.commands.map((c) => c.name()).join(', ')}`);
    }
    cmd = next;
  }
  // As --help prints it, with the examples added after; the topics after the program's own.
  cmd.outputHelp();
  return cmd === program ? `\nHelp topics:\n${Object.keys(TOPICS).map((t) => `  rfa help ${t}\n`).join('')}` : '';
}
