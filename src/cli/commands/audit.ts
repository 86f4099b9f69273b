import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  checkpointLine,
  createAuditLog,
  entryLine,
  parseExportLine,
  DEFAULT_AUDIT_LOG_KEY_FILE,
  LogVerifier,
  checkpointSignatureValid,
  loadOrCreateLogKey,
  parseCheckpointFile,
  readLogPublicKey,
  toCheckpointFile,
  type AuditLog,
  type LogVerification,
  type SignedCheckpoint,
} from '../../audit/index.js';
import { BulwarkError } from '../../core/errors.js';
import { openStoreFor } from '../../server/start.js';
import type { Store } from '../../store/index.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface AuditFlags extends CommonFlags {
  json?: boolean;
}

interface VerifyFlags extends AuditFlags {
  checkpoint?: string;
  publicKey?: string;
  input?: string;
}

/** Opens the store and the log the way the server does, with the key file in the data folder. */
async function openLog(flags: AuditFlags): Promise<{ store: Store; log: AuditLog; keyFile: string }> {
  const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
  const keyFile = join(loaded.paths.home, DEFAULT_AUDIT_LOG_KEY_FILE);
  return { store, log: createAuditLog(store, { keyFile }), keyFile };
}

async function withLog<T>(flags: AuditFlags, use: (opened: { log: AuditLog; keyFile: string }) => Promise<T>): Promise<T> {
  const opened = await openLog(flags);
  try {
    return await use(opened);
  } finally {
    await opened.store.close();
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new BulwarkError('CLI_USAGE', `cannot read ${what} ${file}`);
  }
}

function parsePublicKeyFile(file: string): KeyObject {
  try {
    const key = createPublicKey(readText(file, 'public key'));
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch (error) {
    if (error instanceof BulwarkError) throw error;
  }
  throw new BulwarkError('CLI_USAGE', `${file} is not an Ed25519 public key in PEM`);
}

/**
 * The key to trust, most explicit first: --public-key, then the key inside the saved --checkpoint
 * file (the auditor's own anchor), then the log key in the data folder. The database's copy of the
 * key is never trusted: it is what an attacker with database access would replace.
 */
function trustedKey(flags: VerifyFlags, saved: { publicKey: KeyObject } | undefined, keyFile: string | undefined): KeyObject {
  if (flags.publicKey !== undefined) return parsePublicKeyFile(flags.publicKey);
  if (saved !== undefined) return saved.publicKey;
  if (keyFile !== undefined && existsSync(keyFile)) return readLogPublicKey(keyFile);
  throw new BulwarkError('AUDIT_KEY_UNAVAILABLE', 'The audit log key is not available to verify with; pass --public-key or --checkpoint.');
}

/** Verifies an export file with the pure verifier: no database, no server. */
async function verifyExportFile(file: string, publicKey: KeyObject, trusted?: SignedCheckpoint): Promise<LogVerification> {
  if (!existsSync(file)) throw new BulwarkError('CLI_USAGE', `cannot read export ${file}`);
  const checkpoints: SignedCheckpoint[] = [];
  let verifier: LogVerifier | undefined;
  let lineNumber = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber += 1;
    if (text === '') continue;
    const line = parseExportLine(text, lineNumber);
    if (line.kind === 'checkpoint') {
      if (verifier !== undefined) throw new BulwarkError('CLI_USAGE', `The export file is not usable: line ${lineNumber} is a checkpoint after the entries.`);
      checkpoints.push(line.checkpoint);
      continue;
    }
    verifier ??= new LogVerifier(checkpoints, publicKey, trusted);
    if (verifier.add(line.entry) !== null) break;
  }
  return (verifier ?? new LogVerifier(checkpoints, publicKey, trusted)).finish();
}

function reportVerification(result: LogVerification, json: boolean): void {
  if (!result.ok) {
    const { index, reason, message } = result.problem;
    throw new BulwarkError('AUDIT_CHAIN_BROKEN', `first bad entry ${index} (${reason}): ${message}`);
  }
  const unsigned = result.size - result.signedSize;
  emit(json, result, () =>
    `audit log OK: ${result.size} entries, root ${result.root}, ${result.checkpointsVerified} checkpoints verified` +
    (unsigned > 0 ? `; the last ${unsigned} entries are not yet covered by a checkpoint` : ''),
  );
}

function registerVerify(audit: Command): void {
  audit
    .command('verify')
    .description('recompute the Merkle tree from every stored entry and check every checkpoint signature')
    .option('--checkpoint <file>', 'a checkpoint saved earlier with `audit checkpoint`; the log must extend it')
    .option('--public-key <file>', 'Ed25519 public key (PEM) to trust instead of the data folder\'s log key')
    .option('--input <file>', 'verify an `audit export` file offline instead of the database')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: VerifyFlags) => {
      const saved = flags.checkpoint === undefined ? undefined : parseCheckpointFile(readText(flags.checkpoint, 'checkpoint file'));
      if (flags.input !== undefined) {
        const result = await verifyExportFile(flags.input, trustedKey(flags, saved, undefined), saved?.checkpoint);
        reportVerification(result, flags.json === true);
        return;
      }
      const result = await withLog(flags, ({ log, keyFile }) => log.verify(trustedKey(flags, saved, keyFile), saved?.checkpoint));
      reportVerification(result, flags.json === true);
    });
}

function parseEntryIndex(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new BulwarkError('CLI_USAGE', `ENTRY must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function registerProve(audit: Command): void {
  audit
    .command('prove <entry>')
    .description('print an inclusion proof of one entry against the latest signed checkpoint')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (entry: string, flags: AuditFlags) => {
      const index = parseEntryIndex(entry);
      const proof = await withLog(flags, ({ log }) => log.proveInclusion(index));
      emit(flags.json === true, proof, () =>
        [
          `entry ${proof.index}  leaf ${proof.leafHash}`,
          `data ${proof.data}`,
          `tree size ${proof.checkpoint.size}  root ${proof.checkpoint.root}  (checkpoint signed ${new Date(proof.checkpoint.time).toISOString()})`,
          ...proof.proof.map((h, i) => `proof[${i}] ${h}`),
        ].join('\n'),
      );
    });
}

function registerCheckpoint(audit: Command): void {
  audit
    .command('checkpoint')
    .description('sign any entries not yet covered and save the latest signed checkpoint with its public key')
    .requiredOption('--out <file>', 'where to write the checkpoint (JSON)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: AuditFlags & { out: string }) => {
      const file = await withLog(flags, async ({ log, keyFile }) => {
        const checkpoint = await log.checkpoint();
        const { publicKey } = loadOrCreateLogKey(keyFile);
        if (!checkpointSignatureValid(checkpoint, publicKey)) {
          throw new BulwarkError('AUDIT_CHAIN_BROKEN', `the latest checkpoint (size ${checkpoint.size}) is not signed by the log key`);
        }
        return toCheckpointFile(checkpoint, publicKey);
      });
      writeAtomically(flags.out, `${JSON.stringify(file, null, 2)}\n`);
      emit(flags.json === true, file, () => `saved checkpoint: size ${file.checkpoint.size}, root ${file.checkpoint.root} → ${flags.out}`);
    });
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o644 });
    renameSync(temporary, file);
  } catch {
    throw new BulwarkError('CLI_USAGE', `cannot write ${file}`);
  }
}

async function writeExport(log: AuditLog, file: string): Promise<{ entries: number; checkpoints: number }> {
  const temporary = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(temporary, { mode: 0o644 });
  const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  await opened.catch(() => {
    throw new BulwarkError('CLI_USAGE', `cannot write ${file}`);
  });
  const write = (line: string) => (out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
  const checkpoints = await log.checkpoints();
  for (const c of checkpoints) await write(checkpointLine(c));
  let entries = 0;
  for await (const entry of log.entries()) {
    await write(entryLine(entry));
    entries += 1;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(temporary, file);
  return { entries, checkpoints: checkpoints.length };
}

function registerExport(audit: Command): void {
  audit
    .command('export')
    .description('write every checkpoint and entry, exactly as stored, as JSON Lines')
    .requiredOption('--out <file>', 'where to write (FILE.jsonl)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags: AuditFlags & { out: string }) => {
      const counts = await withLog(flags, ({ log }) => writeExport(log, flags.out));
      emit(flags.json === true, { out: flags.out, ...counts }, () => `exported ${counts.entries} entries and ${counts.checkpoints} checkpoints → ${flags.out}`);
    });
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('verify, prove and export the tamper-evident audit log');
  registerVerify(audit);
  registerProve(audit);
  registerCheckpoint(audit);
  registerExport(audit);
}
