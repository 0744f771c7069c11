// Editing text in the user's editor, the way git commit does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { invalidInput } from '../errors.js';

export function editInEditor(initial: string, env: NodeJS.ProcessEnv): string {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-edit-'));
  const file = path.join(dir, 'COMMENT.txt');
  try {
    fs.writeFileSync(file, `${initial}\n`, { mode: 0o600 });
    // Through the shell, so EDITOR="code --wait" works as it does for git.
    const result = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit' });
    if (result.error) throw invalidInput(`cannot start the editor '${editor}': ${result.error.message}`);
    if (result.status !== 0) throw invalidInput(`the editor '${editor}' exited with status ${result.status ?? result.signal}; nothing was changed`);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
