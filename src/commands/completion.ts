// Shell completion, generated from the registered commands so it never goes stale.
import type { Command } from 'commander';

interface Node {
  path: string;
  words: string[];
}

function walk(cmd: Command, path: string, out: Node[], globals: string[]): void {
  const subs = cmd.commands.map((c) => c.name());
  const options = cmd.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => !!f);
  out.push({ path, words: [...subs, ...options, ...globals, '--help'] });
  for (const sub of cmd.commands) walk(sub, `${path} ${sub.name()}`, out, globals);
}

export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const globals = program.options.flatMap((o) => [o.long]).filter((f): f is string => !!f);
  const nodes: Node[] = [];
  walk(program, '', nodes, []);
  nodes[0].words = [...new Set(nodes[0].words)];
  for (const n of nodes.slice(1)) n.words = [...new Set([...n.words, ...globals])];
  const paths = nodes.slice(1).map((n) => `      "${n.path}") cmd="$cmd $w" ;;`).join('\n');
  const words = nodes.map((n) => `    "${n.path}") words="${n.words.join(' ')}" ;;`).join('\n');
  const bash = `# rfa ${shell} completion: source it from your shell's start-up file.
_rfa() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="" words="" w i
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$cmd $w" in
${paths}
    esac
  done
  case "$cmd" in
${words}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _rfa rfa
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bash}` : bash;
}
