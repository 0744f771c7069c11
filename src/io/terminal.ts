// Is this file descriptor a terminal? node:tty answers, but loading it pulls in
// net and the stream modules, about 4 ms of every start. Pipes and files (what
// scripts give us) are not character devices, and /dev/null is one of Linux's
// memory devices (major 1): neither needs node:tty to be told apart.
import fs from 'node:fs';

const LINUX_MEMORY_DEVICES = 1;

export async function isTerminal(fd: number): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch {
    return false; // closed
  }
  if (!stat.isCharacterDevice()) return false;
  if (process.platform === 'linux' && ((stat.rdev >> 8) & 0xfff) === LINUX_MEMORY_DEVICES) return false;
  const { isatty } = await import('node:tty');
  return isatty(fd);
}
