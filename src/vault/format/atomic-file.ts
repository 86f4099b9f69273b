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
}

/** Mode 0600 and O_EXCL|O_NOFOLLOW: no other user can read it, and a planted symlink cannot redirect it. */
export async function createTempFile(targetPath: string): Promise<TempFile> {
  const path = join(dirname(targetPath), `${basename(targetPath)}.tmp-${randomBytes(8).toString('hex')}`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(path, flags, 0o600);
  return { path, handle };
}

export async function commitTempFile(temp: TempFile, targetPath: string): Promise<void> {
  await temp.handle.sync();
  await temp.handle.close();
  await rename(temp.path, targetPath);
  await syncDirectory(dirname(targetPath));
}

/** Best effort: the original error matters more than a failure to clean up after it. */
export async function discardTempFile(temp: TempFile): Promise<void> {
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
