// Shell completion, generated from the registered commands so it never goes
// stale: subcommands, options (with their descriptions in zsh), an option's
// or argument's values from its choices, files where a file is taken, and ids
// asked of the store at the moment Tab is pressed (the pending queue after
// approve, the articles after --article).
import type { Argument, Command, Option } from 'commander';
import { POLICY_FLAGS, POLICY_LISTS, POLICY_NUMBERS } from '../domain/settings.js';
import { REASON_CODES } from '../domain/reasons.js';
import { HELP_TOPICS } from './help.js';

/** What a value can be: fixed words, a file or folder, ids from the store, or anything (nothing to offer). */
type Kind = { words: readonly string[] } | 'file' | 'dir' | 'article' | 'pending' | 'comment' | 'any';

interface OptionNode {
  flags: string[];
  description: string;
  /** Absent for a flag that takes no value. */
  value?: Kind;
}

interface Node {
  path: string;
  subs: { name: string; description: string }[];
  options: OptionNode[];
  args: Kind[];
  /** The last argument takes any number of values. */
  variadic: boolean;
}

const SETTING_KEYS = [...POLICY_NUMBERS, ...POLICY_FLAGS, ...REASON_CODES.map((code) => `reason.${code}`)];

function optionKind(o: Option): Kind {
  if (o.argChoices) return { words: o.argChoices };
  if (o.long === '--article') return 'article';
  const placeholder = /<([^>]+)>/.exec(o.flags)?.[1];
  if (placeholder === 'dir') return 'dir';
  if (placeholder === 'file' || placeholder === 'path|url' || placeholder === 'store') return 'file';
  return 'any';
}

function argumentKind(a: Argument, path: string, program: Command): Kind {
  if (a.argChoices) return { words: a.argChoices };
  const name = a.name();
  if (name === 'file') return 'file';
  if (path.startsWith(' article ') && name === 'id') return 'article';
  // A decided comment is what reopen takes back, and purge may erase any.
  if (path.startsWith(' moderate ') && (name === 'id' || name === 'ids')) return / (reopen|purge)$/.test(path) ? 'comment' : 'pending';
  if (path === ' policy set' && name === 'key') return { words: SETTING_KEYS };
  if (path.startsWith(' policy ') && name === 'list') return { words: POLICY_LISTS };
  if (path === ' help') return { words: [...program.commands.map((c) => c.name()).filter((n) => n !== 'help'), ...HELP_TOPICS] };
  return 'any';
}

function walk(cmd: Command, path: string, out: Node[], program: Command): void {
  // The program's own options but --version are every command's too.
  const inherited = cmd === program ? [] : program.options.filter((o) => o.long !== '--version');
  const options = [...cmd.options, ...inherited].map((o) => ({
    flags: [o.long, o.short].filter((f): f is string => !!f),
    description: o.description,
    value: o.required || o.optional ? optionKind(o) : undefined,
  }));
  options.push({ flags: ['--help'], description: 'show help', value: undefined });
  out.push({
    path,
    subs: cmd.commands.map((c) => ({ name: c.name(), description: c.description() })),
    options: options.filter((o, i) => options.findIndex((p) => p.flags[0] === o.flags[0]) === i),
    args: cmd.registeredArguments.map((a) => argumentKind(a, path, program)),
    variadic: cmd.registeredArguments.at(-1)?.variadic ?? false,
  });
  for (const sub of cmd.commands) walk(sub, `${path} ${sub.name()}`, out, program);
}

const kindName = (kind: Kind) => (typeof kind === 'string' ? kind : `words:${kind.words.join(' ')}`);

/** A value as one shell word in single quotes. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function nodes(program: Command): Node[] {
  const out: Node[] = [];
  walk(program, '', out, program);
  return out;
}

/**
 * The shared case table: for the command path in $cmd, sets subs (names),
 * opts, valopts (the options that take a value), kinds (one per argument) and
 * variadic. zsh gets descriptions beside names.
 */
function nodeTable(all: Node[], shell: 'bash' | 'zsh'): string {
  const described = (name: string, description: string) => (shell === 'zsh' ? quoted(`${name.replace(/:/g, '\\:')}:${description}`) : name);
  return all
    .map((n) => {
      const subs = n.subs.map((s) => described(s.name, s.description)).join(' ');
      const opts = n.options.flatMap((o) => o.flags.map((f) => described(f, o.description))).join(' ');
      const valopts = n.options.filter((o) => o.value).flatMap((o) => o.flags).join(' ');
      const optkinds = n.options
        .filter((o) => o.value)
        .map((o) => `${o.flags.join('|')}) kind=${quoted(kindName(o.value!))} ;;`)
        .join(' ');
      const kinds = n.args.map((k) => quoted(kindName(k))).join(' ');
      return [
        `    ${quoted(n.path)})`,
        `      subs=(${subs}); opts=(${opts}); valopts=" ${valopts} "; kinds=(${kinds}); variadic=${n.variadic ? 1 : 0}`,
        `      optkind() { kind=any; case "$1" in ${optkinds || '*) ;;'} esac; } ;;`,
      ].join('\n');
    })
    .join('\n');
}

/** How each kind of value is found: the same shell code in both (the store named on the line, if any). */
const VALUES = `    words:*) values=(\${kind#words:}) ;;
    pending) values=($("$rfa" "\${store[@]}" moderate queue --format ids 2>/dev/null)) ;;
    comment) values=($("$rfa" "\${store[@]}" moderate queue --status all --format ids 2>/dev/null)) ;;
    article) values=($("$rfa" "\${store[@]}" article list 2>/dev/null | cut -d ' ' -f 1)) ;;`;

export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const all = nodes(program);
  const descents = all
    .slice(1)
    .map((n) => quoted(n.path))
    .join('|');
  // Walks the line up to the word being completed: the command path, the store, how many arguments so far.
  const scan = (first: string, last: string, word: string) => `  local cmd="" w i n=0 kind="" store=() subs opts valopts kinds variadic values=()
  _rfa_node() { case "$1" in
${nodeTable(all, shell)}
  esac; }
  _rfa_node ""
  for ((i = ${first}; i < ${last}; i++)); do
    w="${word}[i]}"
    if ((n == 0)) && [[ "$cmd $w" == @(${descents}) ]]; then
      cmd="$cmd $w"; _rfa_node "$cmd"; continue
    fi
    if [[ $w == --store ]]; then store=(--store "${word}[i+1]}"); fi
    if [[ $w == -* ]]; then [[ $valopts == *" $w "* ]] && ((i++)); continue; fi
    ((n++))
  done`;

  if (shell === 'bash') {
    return `# rfa bash completion: source it from your shell's start-up file.
_rfa() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" rfa="\${COMP_WORDS[0]}"
${scan('1', 'COMP_CWORD', '${COMP_WORDS')}
  COMPREPLY=()
  if ((COMP_CWORD > 1)) && [[ $prev == -* && $valopts == *" $prev "* ]]; then
    optkind "$prev"
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "\${opts[*]}" -- "$cur")); return
  elif ((n == 0 && \${#subs[@]} > 0)); then
    COMPREPLY=($(compgen -W "\${subs[*]}" -- "$cur")); return
  elif ((n < \${#kinds[@]})); then
    kind="\${kinds[n]}"
  elif ((variadic && \${#kinds[@]} > 0)); then
    kind="\${kinds[-1]}"
  fi
  case "$kind" in
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
${VALUES}
  esac
  ((\${#values[@]})) && COMPREPLY=($(compgen -W "\${values[*]}" -- "$cur"))
  return 0
}
complete -F _rfa rfa
`;
  }
  return `#compdef rfa
# rfa zsh completion: source it from ~/.zshrc after compinit, or save it as _rfa in your $fpath.
_rfa() {
  setopt localoptions extendedglob kshglob noshwordsplit
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" rfa="\${words[1]}"
${scan('2', 'CURRENT', '${words')}
  if ((CURRENT > 2)) && [[ $prev == -* && $valopts == *" $prev "* ]]; then
    optkind "$prev"
  elif [[ $cur == -* ]]; then
    _describe -t options option opts; return
  elif ((n == 0 && \${#subs[@]} > 0)); then
    _describe -t commands command subs; return
  elif ((n < \${#kinds[@]})); then
    kind="\${kinds[n+1]}"
  elif ((variadic && \${#kinds[@]} > 0)); then
    kind="\${kinds[-1]}"
  fi
  case "$kind" in
    file) _files ;;
    dir) _files -/ ;;
${VALUES.replace('values=(${kind#words:})', 'values=(${=kind#words:})')}
  esac
  ((\${#values[@]})) && compadd -a values
  return 0
}
if [[ "\${funcstack[1]}" == _rfa ]]; then _rfa "$@"; else compdef _rfa rfa; fi
`;
}
