// An inter-process lock held by the kernel (an open-file-description lock on a
// separate ".lock" file that rfa never renames or deletes; if someone else
// does, a writer notices that the file it locked is gone and locks the new
// one, and `stillHeld` lets a write refuse to land). The kernel drops it the
// moment its holder dies, even by SIGKILL, so nobody waits on a dead writer,
// and no timeout can ever take it from a live one that is slow.
import fs from 'node:fs';
import path from 'node:path';
import { storeError } from '../../errors.js';
import { DEFAULT_LOCK_WAIT_MS } from '../store.js';

/** A held lock: release it once; `stillHeld` says whether its file is still the one at the path. */
export interface HeldLock {
  release(): void;
  stillHeld(): boolean;
}


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

const openLockFile = (lockPath: string) => {
  try {
    return fs.openSync(lockPath, 'a+', 0o644);
  } catch (err) {
    throw storeError(`cannot open the lock file ${lockPath}: ${(err as Error).message}`);
  }
};

/** Whether fd is still the file at lockPath: someone may have deleted or replaced the lock file. */
function stillAtPath(fd: number, lockPath: string): boolean {
  try {
    const held = fs.fstatSync(fd);
    const there = fs.statSync(lockPath);
    return held.ino === there.ino && held.dev === there.dev;
  } catch {
    return false;
  }
}

export async function acquireLock(lockPath: string, waitMs = DEFAULT_LOCK_WAIT_MS, storeName = lockPath, onWaiting?: () => void): Promise<HeldLock> {
  let fd = openLockFile(lockPath);
  // Loaded here, not at start-up: read-only commands never pay for the native addon.
  const { tryLock, unlock } = await loadLockApi();
  const started = Date.now();
  const deadline = started + waitMs;
  let told = false;
  let pause = 5;
  for (;;) {
    if (tryLock(fd)) {
      // A lock on a file that is no longer at the path excludes nobody: the next
      // writer opens the new file. Start again on whatever is there now.
      if (stillAtPath(fd, lockPath)) break;
      unlock(fd);
      fs.closeSync(fd);
      fd = openLockFile(lockPath);
      continue;
    }
    if (Date.now() >= deadline) {
      fs.closeSync(fd);
      throw storeError(
        `the store ${storeName} is busy: another rfa process has held its lock for ${Math.round(waitMs / 1000)} s`,
        'nothing was written; try again, or look for a stuck rfa process',
        'STORE_BUSY',
      );
    }
    if (!told && onWaiting && Date.now() - started >= 1000) {
      told = true;
      onWaiting();
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 50);
  }
  return {
    release() {
      try {
        unlock(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
    stillHeld: () => stillAtPath(fd, lockPath),
  };
}
