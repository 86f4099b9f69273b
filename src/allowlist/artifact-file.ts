import { rmSync, statSync } from 'node:fs';
import { chmod, mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulwarkError, isBulwarkError } from '../core/errors.js';

/** Prefer RAM-backed tmpfs: the plaintext never reaches a disk that outlives a reboot. */
export const DEFAULT_ARTIFACT_ROOTS: readonly string[] = ['/dev/shm'];
const DIR_PREFIX = 'bulwark-exec-';
const DIR_PATTERN = /^bulwark-exec-(\d+)-/;

export interface ArtifactSource {
  /** Yields the plaintext; only called after every identity check passed. */
  open(): AsyncIterable<Uint8Array>;
}

export interface MaterializedArtifact {
  readonly dir: string;
  readonly path: string;
  /** Idempotent; never throws. */
  remove(): Promise<void>;
  /** For process 'exit' handlers, where nothing asynchronous runs. */
  removeSync(): void;
}

/** The first usable root: an existing directory, else os.tmpdir(). */
export function chooseArtifactRoot(roots: readonly string[] = DEFAULT_ARTIFACT_ROOTS): string {
  for (const root of roots) {
    try {
      if (statSync(root).isDirectory()) return root;
    } catch {
      // Not on this system.
    }
  }
  return tmpdir();
}

/**
 * Writes the artifact to `<root>/bulwark-exec-<pid>-XXXXXX/artifact`: the directory 0700, the file
 * 0600 and created exclusively, so no other user can read it or swap in a file of their own.
 */
export async function materializeArtifact(source: ArtifactSource, root: string, ownerPid: number): Promise<MaterializedArtifact> {
  let dir: string | null = null;
  try {
    dir = await mkdtemp(join(root, `${DIR_PREFIX}${ownerPid}-`));
    await chmod(dir, 0o700);
    const path = join(dir, 'artifact');
    const handle = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of source.open()) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return handleFor(dir, path);
  } catch (error) {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    if (isBulwarkError(error)) throw error;
    throw new BulwarkError('ALLOWLIST_ARTIFACT_FAILED', 'The artifact could not be written to a private file; the command was not started.', { cause: error });
  }
}

function handleFor(dir: string, path: string): MaterializedArtifact {
  return {
    dir,
    path,
    remove: () => rm(dir, { recursive: true, force: true }).catch(() => undefined),
    removeSync: () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort at process exit; the next run's sweep retries.
      }
    },
  };
}

/**
 * Removes artifact directories whose owning Bulwark process is gone (it was SIGKILLed, so no handler
 * ran). Returns the removed paths.
 */
export async function sweepStaleArtifacts(root: string, isAlive: (pid: number) => boolean = pidIsAlive): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    const match = DIR_PATTERN.exec(name);
    if (match === null || isAlive(Number(match[1]))) continue;
    const dir = join(root, name);
    const info = await stat(dir).catch(() => null);
    if (info === null || !info.isDirectory() || info.uid !== process.getuid?.()) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
