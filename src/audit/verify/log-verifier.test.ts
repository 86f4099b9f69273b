import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import { verifyLog, type LogVerification, type StoredEntry } from './log-verifier.js';
import { CompactRange, hashLeaf } from './tree-hash.js';

const ORIGIN = 'test.bulwark/audit';
const logKey = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519');

function entry(index: number, details: unknown = { n: index }): StoredEntry {
  const data = JSON.stringify({ actor: 'alice', details, index, subject: null, time: 1_700_000_000_000 + index, type: 'policy.change', v: 1 });
  return { index, leafHash: hashLeaf(data).toString('hex'), data };
}

function makeLog(size: number, checkpointEvery: number, key = logKey): { entries: StoredEntry[]; checkpoints: SignedCheckpoint[] } {
  const entries: StoredEntry[] = [];
  const checkpoints: SignedCheckpoint[] = [];
  const range = CompactRange.empty();
  for (let i = 0; i < size; i += 1) {
    const e = entry(i);
    entries.push(e);
    range.append(hashLeaf(e.data));
    if (range.size % checkpointEvery === 0 || range.size === size) {
      checkpoints.push(signCheckpoint({ origin: ORIGIN, size: range.size, root: range.root().toString('hex'), time: 1 + i }, key.privateKey, key.publicKey));
    }
  }
  return { entries, checkpoints };
}

function problemOf(result: LogVerification): { index: number; reason: string } | null {
  return result.ok ? null : { index: result.problem.index, reason: result.problem.reason };
}

describe('verifyLog', () => {
  it('accepts an intact log and reports what the checkpoints cover', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    const result = verifyLog(entries, checkpoints, logKey.publicKey, checkpoints[1]);
    expect(result).toMatchObject({ ok: true, size: 25, signedSize: 25, checkpointsVerified: 3 });
  });

  it('reports unsigned tail entries as intact but not signed', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    expect(verifyLog(entries, checkpoints.slice(0, 2), logKey.publicKey)).toMatchObject({ ok: true, size: 25, signedSize: 20 });
  });

  it('names an edited entry whose hash was left alone', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    entries[13] = { ...entries[13]!, data: entries[13]!.data.replace('alice', 'mallory') };
    expect(problemOf(verifyLog(entries, checkpoints, logKey.publicKey))).toEqual({ index: 13, reason: 'edited' });
  });

  it('bounds an edit whose hash was recomputed by the signed checkpoint that no longer matches', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    entries[13] = entry(13, { n: 'forged' });
    const result = verifyLog(entries, checkpoints, logKey.publicKey);
    expect(result.ok ? null : result.problem).toMatchObject({ index: 10, reason: 'root-mismatch', checkpointSize: 20 });
  });

  it('names a deleted entry, and a deleted tail that a checkpoint still signs', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    expect(problemOf(verifyLog(entries.filter((e) => e.index !== 7), checkpoints, logKey.publicKey))).toEqual({ index: 7, reason: 'missing' });
    expect(problemOf(verifyLog(entries.slice(0, 22), checkpoints, logKey.publicKey))).toEqual({ index: 22, reason: 'truncated' });
  });

  it('names swapped and renumbered rows by the index each entry records about itself', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    const swapped = entries.map((e) => ({ ...e }));
    [swapped[4], swapped[9]] = [{ ...entries[9]!, index: 4 }, { ...entries[4]!, index: 9 }];
    expect(problemOf(verifyLog(swapped, checkpoints, logKey.publicKey))).toEqual({ index: 4, reason: 'reordered' });
    const renumbered = entries.filter((e) => e.index !== 3).map((e, i) => ({ ...e, index: i }));
    expect(problemOf(verifyLog(renumbered, checkpoints, logKey.publicKey))).toEqual({ index: 3, reason: 'reordered' });
  });

  it('rejects a checkpoint signed by another key or for another log', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    const forged = makeLog(25, 10, otherKey).checkpoints;
    expect(problemOf(verifyLog(entries, [checkpoints[0]!, forged[1]!, checkpoints[2]!], logKey.publicKey))).toEqual({ index: 10, reason: 'bad-signature' });
    const elsewhere = signCheckpoint({ ...checkpoints[1]!, origin: 'other/log' }, logKey.privateKey, logKey.publicKey);
    expect(problemOf(verifyLog(entries, [checkpoints[0]!, elsewhere], logKey.publicKey))).toEqual({ index: 10, reason: 'bad-signature' });
    const tampered = { ...checkpoints[2]!, time: checkpoints[2]!.time + 1 };
    expect(problemOf(verifyLog(entries, [checkpoints[0]!, checkpoints[1]!, tampered], logKey.publicKey))).toEqual({ index: 20, reason: 'bad-signature' });
  });

  it('catches a rewritten history re-signed with the stolen key against the checkpoint saved earlier', () => {
    const original = makeLog(25, 10);
    const saved = original.checkpoints[1]!;
    const rewritten = makeLog(25, 10);
    rewritten.entries[5] = entry(5, { n: 'rewritten' });
    const resigned: SignedCheckpoint[] = [];
    const range = CompactRange.empty();
    for (const e of rewritten.entries) {
      range.append(hashLeaf(e.data));
      if (range.size % 10 === 0) resigned.push(signCheckpoint({ origin: ORIGIN, size: range.size, root: range.root().toString('hex'), time: 9 }, logKey.privateKey, logKey.publicKey));
    }
    expect(verifyLog(rewritten.entries, resigned, logKey.publicKey).ok).toBe(true);
    const result = verifyLog(rewritten.entries, resigned, logKey.publicKey, saved);
    expect(result.ok ? null : result.problem).toMatchObject({ reason: 'inconsistent', checkpointSize: 20 });
  });

  it('reports a saved checkpoint larger than the log as truncation', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    expect(problemOf(verifyLog(entries.slice(0, 15), checkpoints.slice(0, 1), logKey.publicKey, checkpoints[1]))).toEqual({ index: 15, reason: 'truncated' });
  });

  it('reports the first problem in index order', () => {
    const { entries, checkpoints } = makeLog(25, 10);
    entries[3] = { ...entries[3]!, data: `${entries[3]!.data} ` };
    const deleted = entries.filter((e) => e.index !== 17);
    expect(problemOf(verifyLog(deleted, checkpoints, logKey.publicKey))).toEqual({ index: 3, reason: 'edited' });
  });

  it('flags leaf data that hashes correctly but is not an audit record', () => {
    const data = '{"index":0}';
    expect(problemOf(verifyLog([{ index: 0, leafHash: hashLeaf(data).toString('hex'), data }], [], logKey.publicKey))).toEqual({ index: 0, reason: 'malformed' });
  });
});
