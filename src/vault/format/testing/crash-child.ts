/**
 * Test fixture for crash-safety.test.ts, run as a child process:
 *   node --import tsx crash-child.ts <encrypt|decrypt> <inPath> <outPath> <kekHex> <chunkSize>
 * Once a quarter of the work is done it prints "midway" and freezes its event loop, so the parent's
 * kill -9 lands at a known point with a partial temp file on disk.
 */
import { decryptToFile } from '../decrypt.js';
import { encryptFile } from '../encrypt.js';

const [mode, inPath, outPath, kekHex, chunkSize] = process.argv.slice(2);
const kek = { id: 'kek-crash', key: Buffer.from(kekHex ?? '', 'hex') };
let frozen = false;

function freezeAtQuarter(progress: { plaintextBytes: number; totalPlaintextBytes: number }): void {
  if (frozen || progress.plaintextBytes < progress.totalPlaintextBytes / 4) return;
  frozen = true;
  process.stdout.write('midway\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

async function main(): Promise<void> {
  if (inPath === undefined || outPath === undefined) throw new Error('usage: crash-child <mode> <in> <out> <kekHex> <chunkSize>');
  if (mode === 'encrypt') {
    await encryptFile(inPath, outPath, { artifactId: 'crash', kek, chunkSize: Number(chunkSize), onProgress: freezeAtQuarter });
  } else {
    await decryptToFile(inPath, outPath, kek, { onProgress: freezeAtQuarter });
  }
  process.stdout.write('finished\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
