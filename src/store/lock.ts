// An inter-process lock held by the kernel (an open-file-description lock on a
// separate ".lock" file that is never renamed or deleted). The kernel drops it
// the moment its holder dies, even by SIGKILL, so nobody waits on a dead
// writer, and no timeout can ever take it from a live one that is slow.
import fs from 'node:fs';
import { storeError } from '../errors.js';

export const DEFAULT_LOCK_WAIT_MS = 30_000;

type Release = () => void;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireLock(lockPath: string, waitMs = DEFAULT_LOCK_WAIT_MS, storeName = lockPath): Promise<Release> {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'a+', 0o644);
  } catch (err) {
    throw storeError(`cannot open the lock file ${lockPath}: ${(err as Error).message}`);
  }
  // Loaded here, not at start-up: read-only commands never pay for the native addon.
  const { tryLock, unlock } = await import('fs-native-extensions');
  const deadline = Date.now() + waitMs;
  let pause = 5;
  while (!tryLock(fd)) {
    if (Date.now() >= deadline) {
      fs.closeSync(fd);
      throw storeError(
        `the store ${storeName} is busy: another rfa process has held its lock for ${Math.round(waitMs / 1000)} s`,
        'nothing was written; try again, or look for a stuck rfa process',
      );
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 50);
  }
  return () => {
    try {
      unlock(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
}
