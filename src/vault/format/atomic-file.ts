import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Invariant 4 (DESIGN.md): nothing half-written. Output goes to a fresh temp file beside the target
 * (same directory, so rename is atomic on one filesystem), is fsynced, then renamed; the directory is
 * fsynced so the rename itself survives a crash.
 */
export interface TempFile {
  readonly path: string;
  readonly handle: FileHandle;
  /** Background flushing (startWriteBehind); commit and discard stop it. */
  readonly writeBehind: WriteBehind;
}

/** Mode 0600 and O_EXCL|O_NOFOLLOW: no other user can read it, and a planted symlink cannot redirect it. */
export async function createTempFile(targetPath: string): Promise<TempFile> {
  const path = join(dirname(targetPath), `${basename(targetPath)}.tmp-${randomBytes(8).toString('hex')}`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(path, flags, 0o600);
  return { path, handle, writeBehind: startWriteBehind(handle) };
}

/** A failed background flush fails the commit: the final fsync might not report that error again. */
export async function commitTempFile(temp: TempFile, targetPath: string): Promise<void> {
  await temp.writeBehind.stop();
  await temp.handle.sync();
  await temp.handle.close();
  await rename(temp.path, targetPath);
  await syncDirectory(dirname(targetPath));
}

/** Best effort: the original error matters more than a failure to clean up after it. */
export async function discardTempFile(temp: TempFile): Promise<void> {
  await temp.writeBehind.stop().catch(() => undefined);
  await temp.handle.close().catch(() => undefined);
  await unlink(temp.path).catch(() => undefined);
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * How often a temp file's dirty pages are pushed to disk while it is still being written. Without it
 * the fsync before rename starts writing the whole file only once the last byte is in the page cache
 * (~0.7 s per GiB on the bench VM, serial after the crypto); with it the disk works while the crypto
 * does, and that fsync waits for about one interval's worth. It changes no guarantee: commit still
 * fsyncs, and a temp file is never readable at the target path before the rename.
 */
export const WRITE_BEHIND_INTERVAL_MS = 200;

export interface WriteBehind {
  /** Stops flushing; resolves once no flush is running, rejects with the first flush error. */
  stop(): Promise<void>;
}

/** One fdatasync at a time, WRITE_BEHIND_INTERVAL_MS apart. The timer is unref'd: it never holds the process open. */
export function startWriteBehind(handle: Pick<FileHandle, 'datasync'>): WriteBehind {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = (): void => undefined;
  const loop = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, WRITE_BEHIND_INTERVAL_MS).unref();
      });
      if (!stopped) await handle.datasync();
    }
  })();
  loop.catch(() => undefined); // reported by stop()
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      wake();
      await loop;
    },
  };
}
