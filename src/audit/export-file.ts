import { BulwarkError } from '../core/errors.js';
import { copyCheckpoint, describeCheckpointProblem, type SignedCheckpoint, type StoredEntry } from './verify/index.js';

/**
 * `bulwark audit export` writes JSON Lines: every checkpoint first (`{"kind":"checkpoint",...}`), then
 * every entry in index order (`{"kind":"entry","index","leafHash","data"}`), exactly as stored. An
 * auditor verifies it offline with `bulwark audit verify --input FILE.jsonl` and a key they trust.
 */
export type ExportLine = { kind: 'checkpoint'; checkpoint: SignedCheckpoint } | { kind: 'entry'; entry: StoredEntry };

export function checkpointLine(checkpoint: SignedCheckpoint): string {
  return JSON.stringify({ kind: 'checkpoint', ...copyCheckpoint(checkpoint) });
}

export function entryLine(entry: StoredEntry): string {
  return JSON.stringify({ kind: 'entry', index: entry.index, leafHash: entry.leafHash, data: entry.data });
}

function badLine(lineNumber: number, why: string): BulwarkError {
  return new BulwarkError('CLI_USAGE', `The export file is not usable: line ${lineNumber} ${why}.`);
}

/** One line of an export; the file is attacker-controlled, so every field is checked and copied. */
export function parseExportLine(text: string, lineNumber: number): ExportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badLine(lineNumber, 'is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw badLine(lineNumber, 'is not a JSON object');
  const line = value as Record<string, unknown>;
  if (line.kind === 'checkpoint') {
    const problem = describeCheckpointProblem(line);
    if (problem !== null) throw badLine(lineNumber, `is not a checkpoint: ${problem}`);
    return { kind: 'checkpoint', checkpoint: copyCheckpoint(line as unknown as SignedCheckpoint) };
  }
  if (line.kind === 'entry') {
    const { index, leafHash, data } = line;
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) throw badLine(lineNumber, 'has no valid index');
    if (typeof leafHash !== 'string' || typeof data !== 'string') throw badLine(lineNumber, 'has no leafHash or data string');
    return { kind: 'entry', entry: { index, leafHash, data } };
  }
  throw badLine(lineNumber, 'has an unknown kind');
}
