import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { encodeProgramClaim, PROGRAM_HEADER, programClaimOf, releaseTarget } from '../../allowlist/index.js';
import { signCall } from '../../server/signed-call.js';
import { cliProgramComponents } from './allowlist.js';
import { DEFAULT_SHARES, DEFAULT_THRESHOLD, type CustodyStatus, type RekeyStatus } from '../../vault/index.js';
import { artifactPath, callJson, downloadTo, serverUrlOf, uploadFile } from '../api-client.js';
import { parsePositiveInt } from '../env.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';
import { clientContext, withClientFlags, type ClientCommandFlags } from './client-flags.js';

interface ArtifactInfo {
  readonly id: string;
  readonly name: string;
  readonly label: string | null;
  readonly sha256: string;
  readonly size: number;
  readonly createdAt: number;
}

function describeArtifact(a: ArtifactInfo): string {
  return `${a.name} (${a.id})${a.label === null ? '' : ` [${a.label}]`}: ${a.size} bytes, sha256 ${a.sha256}, stored ${new Date(a.createdAt).toISOString()}`;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function describeStatus(status: CustodyStatus): string {
  if (!status.initialized) return 'vault: not initialized (run bulwark vault init)';
  const state = status.sealed ? `sealed (${status.progress}/${status.threshold} shares received)` : 'unsealed';
  return `vault ${status.keyId}: ${state}; ${status.threshold} of ${status.shares} shares unseal it`;
}

async function readShare(flags: { share?: string }): Promise<string> {
  if (flags.share !== undefined) return flags.share;
  if (process.stdin.isTTY) throw new BulwarkError('CLI_USAGE', 'pass --share or pipe the share on stdin');
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8').trim();
}

function registerCustody(vault: Command): void {
  withClientFlags(vault.command('init'))
    .description('create the master key, split it into shares (printed once) and name the first admins')
    .option('--shares <n>', 'number of shares', String(DEFAULT_SHARES))
    .option('--threshold <m>', 'shares needed to unseal', String(DEFAULT_THRESHOLD))
    .requiredOption('--admin-key <file.pub>', 'public key of a bootstrap admin (repeat; at least two)', collect)
    .action(async (flags: ClientCommandFlags & { shares: string; threshold: string; adminKey: string[] }) => {
      const admins = await Promise.all(
        flags.adminKey.map(async (file, i) => {
          const pem = await readFile(file, 'utf8').catch(() => {
            throw new BulwarkError('CLI_USAGE', `cannot read ${file}`);
          });
          return { name: adminName(file, i), publicKey: pem };
        }),
      );
      const body = { shares: parsePositiveInt(flags.shares, '--shares'), threshold: parsePositiveInt(flags.threshold, '--threshold'), admins };
      const result = await callJson<{ keyId: string; shares: string[]; threshold: number }>(serverUrlOf(flags), 'POST', '/api/vault/init', { body });
      emit(flags.json === true, { shares: result.shares, threshold: result.threshold }, () =>
        [`vault ${result.keyId} initialized; ${result.threshold} of these ${result.shares.length} shares unseal it.`, 'Give each to a different custodian. They are shown once and never stored:', ...result.shares.map((s, i) => `  share ${i + 1}: ${s}`)].join('\n'),
      );
    });
  withClientFlags(vault.command('unseal'))
    .description('submit one unseal share (from --share or stdin)')
    .option('--share <hex>', 'the share; prefer stdin so it stays out of shell history')
    .action(async (flags: ClientCommandFlags & { share?: string }) => {
      const status = await callJson<CustodyStatus>(serverUrlOf(flags), 'POST', '/api/vault/unseal', { body: { share: await readShare(flags) } });
      emit(flags.json === true, status, () => describeStatus(status));
    });
  withClientFlags(vault.command('seal'))
    .description('drop the master key from the server memory (signed by an admin)')
    .action(async (flags: ClientCommandFlags) => {
      const { base, identity } = await clientContext(flags);
      const status = await callJson<CustodyStatus>(base, 'POST', '/api/vault/seal', { headers: { 'x-bulwark-call': signCall(identity, 'vault.seal', 'vault', Date.now()) } });
      emit(flags.json === true, status, () => describeStatus(status));
    });
  withClientFlags(vault.command('status'))
    .description('initialized? sealed? how many shares so far?')
    .action(async (flags: ClientCommandFlags) => {
      const status = await callJson<CustodyStatus>(serverUrlOf(flags), 'GET', '/api/vault/status');
      emit(flags.json === true, status, () => describeStatus(status));
    });
}

/** The server's answer to a share: progress, or (once) the new shares. */
type RekeyShareAnswer = (RekeyStatus & { readonly complete: false }) | { readonly complete: true; readonly keyId: string; readonly shares: string[]; readonly threshold: number };

function describeRekey(status: RekeyStatus): string {
  if (!status.started) return 'no rekey in progress';
  return `rekey ${status.nonce} to ${status.threshold} of ${status.shares} shares: ${status.progress}/${status.required} current shares received`;
}

function printNewShares(json: boolean, keyId: string, shares: readonly string[], threshold: number): void {
  emit(json, { shares, threshold }, () =>
    [`vault ${keyId} rekeyed; ${threshold} of these ${shares.length} new shares unseal it. The old shares no longer combine with them: destroy them.`, 'Give each to a different custodian. They are shown once and never stored:', ...shares.map((s, i) => `  share ${i + 1}: ${s}`)].join('\n'),
  );
}

function registerRekey(vault: Command): void {
  const rekey = vault.command('rekey').description('new shares for the same master key, authorized by M current shares');
  withClientFlags(rekey.command('start'))
    .description('start a rekey (signed by an admin); prints the nonce custodians submit their shares with')
    .option('--shares <n>', 'number of new shares', String(DEFAULT_SHARES))
    .option('--threshold <m>', 'new shares needed to unseal', String(DEFAULT_THRESHOLD))
    .action(async (flags: ClientCommandFlags & { shares: string; threshold: string }) => {
      const { base, identity } = await clientContext(flags);
      const body = { shares: parsePositiveInt(flags.shares, '--shares'), threshold: parsePositiveInt(flags.threshold, '--threshold') };
      const status = await callJson<RekeyStatus>(base, 'POST', '/api/vault/rekey', { body, headers: { 'x-bulwark-call': signCall(identity, 'vault.rekey', 'rekey:start', Date.now()) } });
      emit(flags.json === true, status, () => `${describeRekey(status)}\nEach custodian runs: bulwark vault rekey share --nonce ${status.nonce} (share on stdin)`);
    });
  withClientFlags(rekey.command('share'))
    .description('submit one current share (from --share or stdin); the last one needed prints the new shares')
    .requiredOption('--nonce <nonce>', 'the nonce printed by rekey start')
    .option('--share <hex>', 'the share; prefer stdin so it stays out of shell history')
    .action(async (flags: ClientCommandFlags & { nonce: string; share?: string }) => {
      const body = { nonce: flags.nonce, share: await readShare(flags) };
      const answer = await callJson<RekeyShareAnswer>(serverUrlOf(flags), 'POST', '/api/vault/rekey/share', { body });
      if (answer.complete) printNewShares(flags.json === true, answer.keyId, answer.shares, answer.threshold);
      else emit(flags.json === true, answer, () => describeRekey(answer));
    });
  withClientFlags(rekey.command('cancel'))
    .description('cancel the rekey in progress (signed by an admin); the current shares stay valid')
    .action(async (flags: ClientCommandFlags) => {
      const { base, identity } = await clientContext(flags);
      const status = await callJson<RekeyStatus>(base, 'DELETE', '/api/vault/rekey', { headers: { 'x-bulwark-call': signCall(identity, 'vault.rekey', 'rekey:cancel', Date.now()) } });
      emit(flags.json === true, status, () => describeRekey(status));
    });
  withClientFlags(rekey.command('status'))
    .description('is a rekey in progress, and how many current shares has it received?')
    .action(async (flags: ClientCommandFlags) => {
      const status = await callJson<RekeyStatus>(serverUrlOf(flags), 'GET', '/api/vault/rekey');
      emit(flags.json === true, status, () => describeRekey(status));
    });
}

function adminName(file: string, index: number): string {
  const base = file.split('/').pop() ?? `admin-${index + 1}`;
  const name = base.replace(/\.pub$/, '').replace(/[^A-Za-z0-9._@-]/g, '-');
  return /^[A-Za-z0-9]/.test(name) ? name : `admin-${index + 1}`;
}

function registerTransfer(vault: Command): void {
  withClientFlags(vault.command('put <file>'))
    .description('encrypt and store a file (signed by an admin); the server encrypts as it receives')
    .requiredOption('--name <name>', 'artifact name')
    .option('--label <label>', 'label that selects the approval rule, e.g. frontier-weights')
    .action(async (file: string, flags: ClientCommandFlags & { name: string; label?: string }) => {
      const path = artifactPath(flags.name, flags.label === undefined ? '' : `?label=${encodeURIComponent(flags.label)}`);
      const { base, identity } = await clientContext(flags);
      const progress = createProgress('upload');
      const headers = { 'x-bulwark-call': signCall(identity, 'vault.put', flags.name, Date.now()) };
      try {
        const stored = await uploadFile<ArtifactInfo>(base, path, file, headers, (sent, total) => progress.update(sent, total));
        progress.stop();
        emit(flags.json === true, stored, () => `stored ${stored.name} (${stored.id}), ${stored.size} bytes, sha256 ${stored.sha256}`);
      } finally {
        progress.stop();
      }
    });
  withClientFlags(vault.command('get <name>'))
    .description('download and decrypt an artifact with an approved grant; the file appears only once verified')
    .requiredOption('--grant <id>', 'the approved request (grant) id')
    .requiredOption('--out <file>', 'where to write the plaintext')
    .action(async (name: string, flags: ClientCommandFlags & { grant: string; out: string }) => {
      const { base, identity } = await clientContext(flags);
      const artifact = await callJson<ArtifactInfo>(base, 'GET', artifactPath(name));
      // The program receiving the plaintext is this CLI; the server checks it when allowlist.requiredForVaultGet is set.
      const claim = programClaimOf('vault-get', await cliProgramComponents());
      const headers = { 'x-bulwark-call': signCall(identity, 'vault.get', releaseTarget(name, flags.grant, claim), Date.now()), [PROGRAM_HEADER]: encodeProgramClaim(claim) };
      const path = artifactPath(name, `/content?grant=${encodeURIComponent(flags.grant)}`);
      const progress = createProgress('download');
      try {
        const result = await downloadTo(base, path, headers, flags.out, artifact.sha256, (received, total) => progress.update(received, total));
        progress.stop();
        emit(flags.json === true, { name, out: flags.out, ...result }, () => `wrote ${flags.out}: ${result.bytes} bytes, sha256 ${result.sha256} (verified)`);
      } finally {
        progress.stop();
      }
    });
}

function registerCatalog(vault: Command): void {
  withClientFlags(vault.command('list'))
    .description('registered artifacts (metadata only)')
    .action(async (flags: ClientCommandFlags) => {
      const { artifacts } = await callJson<{ artifacts: ArtifactInfo[] }>(serverUrlOf(flags), 'GET', '/api/vault/artifacts');
      emit(flags.json === true, artifacts, () => (artifacts.length === 0 ? 'no artifacts' : artifacts.map(describeArtifact).join('\n')));
    });
  withClientFlags(vault.command('info <name>'))
    .description('one registered artifact: id, label, size, plaintext SHA-256')
    .action(async (name: string, flags: ClientCommandFlags) => {
      const artifact = await callJson<ArtifactInfo>(serverUrlOf(flags), 'GET', artifactPath(name));
      emit(flags.json === true, artifact, () => describeArtifact(artifact));
    });
}

export function registerVault(program: Command): void {
  const vault = program.command('vault').description('the encrypted weights vault');
  registerCustody(vault);
  registerRekey(vault);
  registerTransfer(vault);
  registerCatalog(vault);
}
