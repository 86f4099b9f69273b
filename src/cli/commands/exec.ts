import { createHash } from 'node:crypto';
import http from 'node:http';
import { constants } from 'node:os';
import type { Command } from 'commander';
import {
  createExecGate,
  encodeProgramClaim,
  PROGRAM_HEADER,
  programClaimOf,
  releaseTarget,
  type AllowlistAuditSink,
  type ProgramIdentity,
} from '../../allowlist/index.js';
import type { ErrorCode } from '../../core/error-codes.js';
import { BulwarkError } from '../../core/errors.js';
import { signCall } from '../../server/signed-call.js';
import { artifactPath, callJson } from '../api-client.js';
import { remoteAuditSink } from './allowlist.js';
import { clientContext, withClientFlags, type ClientCommandFlags } from './client-flags.js';

interface ArtifactInfo {
  readonly name: string;
  readonly sha256: string;
}

function serverError(status: number, text: string): BulwarkError {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string') return new BulwarkError(parsed.error.code as ErrorCode, parsed.error.message);
  } catch {
    // fall through
  }
  return new BulwarkError('INTERNAL', `the server answered HTTP ${status}`);
}

/**
 * The released plaintext as a stream, for the exec gate to write into its private file. The server
 * decides (grant + program identity + egress posture) before the first byte; the stream fails — and the
 * gate removes the file without starting the command — unless the trailer says `ok` and the bytes hash
 * to the artifact's SHA-256.
 */
async function* releasedBytes(base: string, path: string, headers: Record<string, string>, expectedSha256: string): AsyncGenerator<Uint8Array> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method: 'GET', headers });
    request.on('error', (cause) => reject(new BulwarkError('CLI_SERVER_UNREACHABLE', `cannot reach the Bulwark server at ${base}`, { cause })));
    request.on('response', resolve);
    request.end();
  });
  const status = response.statusCode ?? 500;
  if (status >= 400) {
    const parts: Buffer[] = [];
    for await (const part of response) parts.push(part as Buffer);
    throw serverError(status, Buffer.concat(parts).toString('utf8'));
  }
  const hash = createHash('sha256');
  for await (const chunk of response) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  const result = response.trailers['x-bulwark-result'];
  if (!response.complete || result !== 'ok') throw new BulwarkError('VAULT_INTEGRITY', 'The release failed on the server; the command was not started.');
  const digest = hash.digest('hex');
  if (digest !== expectedSha256 || digest !== response.headers['x-bulwark-sha256']) {
    throw new BulwarkError('VAULT_INTEGRITY', 'The released bytes do not match the artifact SHA-256; the command was not started.');
  }
}

export function registerExec(program: Command): void {
  withClientFlags(program.command('exec <command> [args...]'))
    .description('run COMMAND with an artifact at $BULWARK_ARTIFACT_PATH, only if the program is allowlisted and the grant and egress posture verify')
    .requiredOption('--artifact <name>', 'the vault artifact')
    .requiredOption('--grant <id>', 'your approved grant for it')
    .action(async (command: string, args: string[], flags: ClientCommandFlags & { artifact: string; grant: string }) => {
      const { base, identity } = await clientContext(flags);
      const artifact = await callJson<ArtifactInfo>(base, 'GET', artifactPath(flags.artifact));
      const reports = remoteAuditSink(base, identity);
      // The server records every release with its three proofs; the client only reports what it refused
      // before asking (code it cannot hash), which the server would otherwise never see.
      const audit: AllowlistAuditSink = { append: (event) => (event.type === 'allowlist.exec' ? Promise.resolve() : reports.append(event)) };
      let resolved: Pick<ProgramIdentity, 'components'> | null = null;
      const gate = createExecGate({
        // The server is the authority: it checks this identity against the allowlist at release time.
        allowlist: {
          check: (programIdentity) => {
            resolved = programIdentity;
            return Promise.resolve({ allowed: true, missing: [], matched: [] });
          },
        },
        audit,
      });
      const result = await gate.runAllowlisted({
        command,
        args,
        env: { ...process.env },
        cwd: process.cwd(),
        actor: identity.keyId,
        artifactId: artifact.name,
        grantId: flags.grant,
        artifact: {
          open() {
            if (resolved === null) throw new BulwarkError('INTERNAL', 'no program identity was resolved');
            const claim = programClaimOf('exec', resolved.components);
            const headers = {
              'x-bulwark-call': signCall(identity, 'vault.get', releaseTarget(artifact.name, flags.grant, claim), Date.now()),
              [PROGRAM_HEADER]: encodeProgramClaim(claim),
            };
            const path = artifactPath(artifact.name, `/content?grant=${encodeURIComponent(flags.grant)}`);
            return releasedBytes(base, path, headers, artifact.sha256);
          },
        },
      });
      const signalNumber = result.signal === null ? 0 : (constants.signals[result.signal] ?? 0);
      process.exitCode = result.exitCode ?? 128 + signalNumber;
    });
}
