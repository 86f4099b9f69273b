import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fileSink } from './io.js';

/** An in-memory file whose writev accepts at most `maxPerCall` bytes per call, as a real one may. */
function fakeFile(maxPerCall: number): { handle: FileHandle; bytes: () => Buffer; calls: { at: number; length: number }[] } {
  let bytes = Buffer.alloc(0);
  const calls: { at: number; length: number }[] = [];
  const writev = async (parts: Buffer[], at: number): Promise<{ bytesWritten: number }> => {
    const data = Buffer.concat(parts).subarray(0, maxPerCall);
    calls.push({ at, length: data.length });
    if (bytes.length < at + data.length) bytes = Buffer.concat([bytes, Buffer.alloc(at + data.length - bytes.length)]);
    data.copy(bytes, at);
    return { bytesWritten: data.length };
  };
  return { handle: { writev } as unknown as FileHandle, bytes: () => bytes, calls };
}

describe('fileSink', () => {
  it('lands overlapping appends in call order, through short writes', async () => {
    const parts = [randomBytes(3000), randomBytes(5000), randomBytes(70_000), randomBytes(1), randomBytes(12_288)];
    for (const maxPerCall of [1000, 4096, 1 << 20]) {
      const file = fakeFile(maxPerCall);
      const sink = fileSink(file.handle, 100);
      await Promise.all([sink.append(parts.slice(0, 2)), sink.append(parts.slice(2, 4)), sink.append([parts[4]!])]);
      expect(file.bytes().subarray(100)).toEqual(Buffer.concat(parts));
      expect(sink.position()).toBe(100 + Buffer.concat(parts).length);
    }
  });

  // See PAGE_BYTES in io.ts: a page-aligned multi-page write gets large page-cache folios, which
  // fault in from host memory on the bench VM (decrypt wrote ~10× slower into such memory).
  it('starts a write of more than one page only off a page boundary or on an odd page', async () => {
    const file = fakeFile(1 << 20);
    const sink = fileSink(file.handle);
    const chunks = Array.from({ length: 4 }, () => randomBytes(1 << 16));
    for (const chunk of chunks) await sink.append([chunk]);
    expect(file.bytes()).toEqual(Buffer.concat(chunks));
    for (const call of file.calls) if (call.length > 4096) expect(call.at % 8192).not.toBe(0);
    expect(file.calls).toHaveLength(8);
  });
});
