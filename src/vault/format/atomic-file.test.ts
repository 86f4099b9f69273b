import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commitTempFile, createTempFile, discardTempFile, startWriteBehind, WRITE_BEHIND_INTERVAL_MS } from './atomic-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-atomic-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const eio = (): NodeJS.ErrnoException => Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', syscall: 'fdatasync' });

describe('write-behind of a temp file', () => {
  it('flushes one interval apart, one at a time, and never after stop()', async () => {
    vi.useFakeTimers();
    try {
      let running = 0;
      let calls = 0;
      let overlapped = false;
      const handle = {
        datasync: async () => {
          calls += 1;
          overlapped ||= running > 0;
          running += 1;
          await new Promise((resolve) => setTimeout(resolve, WRITE_BEHIND_INTERVAL_MS * 3));
          running -= 1;
        },
      };
      const writeBehind = startWriteBehind(handle);
      await vi.advanceTimersByTimeAsync(WRITE_BEHIND_INTERVAL_MS * 10);
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(overlapped).toBe(false);
      const stopped = writeBehind.stop();
      await vi.advanceTimersByTimeAsync(WRITE_BEHIND_INTERVAL_MS * 3);
      await stopped;
      const atStop = calls;
      expect(running).toBe(0);
      await vi.advanceTimersByTimeAsync(WRITE_BEHIND_INTERVAL_MS * 10);
      expect(calls).toBe(atStop);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed background flush from stop()', async () => {
    vi.useFakeTimers();
    try {
      const writeBehind = startWriteBehind({ datasync: () => Promise.reject(eio()) });
      await vi.advanceTimersByTimeAsync(WRITE_BEHIND_INTERVAL_MS * 2);
      await expect(writeBehind.stop()).rejects.toMatchObject({ code: 'EIO' });
    } finally {
      vi.useRealTimers();
    }
  });

  // Linux reports a writeback error to one fsync per open file: if the background flush saw it, the
  // final fsync may succeed, and only this check keeps a file with lost writes from being renamed.
  it('a commit after a failed background flush fails and leaves nothing at the target', async () => {
    const target = join(dir, 'target.bin');
    const temp = await createTempFile(target);
    await temp.handle.write(Buffer.from('verified bytes'));
    await temp.writeBehind.stop();
    const failed = { ...temp, writeBehind: { stop: () => Promise.reject(eio()) } };
    await expect(commitTempFile(failed, target)).rejects.toMatchObject({ code: 'EIO' });
    await discardTempFile(failed);
    expect(existsSync(target)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
