// An inter-process lock held by the kernel (an open-file-description lock on a
// separate ".lock" file that is never renamed or deleted). The kernel drops it
// the moment its holder dies, even by SIGKILL, so nobody waits on a dead
// writer, and no timeout can ever take it from a live one that is slow.
import fs from 'node:fs';
import path from 'node:path';
import { storeError } from '../errors.js';

export const DEFAULT_LOCK_WAIT_MS = 30_000;

type Release = () => void;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LockApi {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}

interface RawBinding {
  tryLock(fd: number, offset: number, length: number, exclusive: boolean): void;
  unlock(fd: number, offset: number, length: number): void;
}

/**
 * The package's own entry finds its binary through require-addon, which costs
 * about 12 ms per start; the prebuilt binary for this platform loads in 1 ms.
 * Only when it is not there do we take the package's way.
 */
async function loadLockApi(): Promise<LockApi> {
  if (typeof require === 'function') {
    try {
      const dir = path.dirname(require.resolve('fs-native-extensions'));
      const raw = require(path.join(dir, 'prebuilds', `${process.platform}-${process.arch}`, 'fs-native-extensions.node')) as RawBinding;
      return {
        tryLock(fd) {
          try {
            raw.tryLock(fd, 0, 0, true);
            return true;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return false;
            throw err;
          }
        },
        unlock: (fd) => raw.unlock(fd, 0, 0),
      };
    } catch {
      // No prebuilt binary for this platform at the expected place.
    }
  }
  return import('fs-native-extensions');
}

export async function acquireLock(lockPath: string, waitMs = DEFAULT_LOCK_WAIT_MS, storeName = lockPath): Promise<Release> {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'a+', 0o644);
  } catch (err) {
    throw storeError(`cannot open the lock file ${lockPath}: ${(err as Error).message}`);
  }
  // Loaded here, not at start-up: read-only commands never pay for the native addon.
  const { tryLock, unlock } = await loadLockApi();
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
