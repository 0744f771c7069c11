// Long output at a terminal goes through a pager, as git and gh do: $RFA_PAGER,
// else $PAGER, else `less` with LESS=FRX (quit when it fits, keep colours, leave
// the text on the screen). Never when piped; an empty pager or `cat` means none.
import { spawn } from 'node:child_process';

export function pagerCommand(env: NodeJS.ProcessEnv): string | undefined {
  const command = (env.RFA_PAGER ?? env.PAGER ?? 'less').trim();
  return command === '' || command === 'cat' ? undefined : command;
}

/** Shows `text` through the pager; false when it could not be started (the caller writes the text itself). */
export function page(text: string, command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    let started = true;
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' } });
    child.on('error', () => {
      started = false;
      resolve(false);
    });
    // The reader quit the pager before the end: not an error.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      // A shell that cannot find the pager exits 127 before reading anything.
      if (started) resolve(code !== 127);
    });
    child.stdin.end(text);
  });
}
