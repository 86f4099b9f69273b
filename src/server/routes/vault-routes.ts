import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { BulwarkError, isBulwarkError } from '../../core/errors.js';
import { decodeProgramClaim, PROGRAM_HEADER, releaseTarget } from '../../allowlist/index.js';
import type { Store } from '../../store/index.js';
import { DEFAULT_SHARES, DEFAULT_THRESHOLD, decodeInsecureKey, generateMasterKey, writeInsecureKeyFile, type ArtifactRecord } from '../../vault/index.js';
import { authenticateCaller } from '../auth.js';
import { verifyCall } from '../signed-call.js';
import { parseWith } from '../validate.js';
import { INSECURE_ENV_KEY_VARIABLE, type VaultWiring } from '../vault-wiring.js';
import { readAdmins, sameKeySet } from './vault-init.js';

export interface VaultRouteDeps {
  readonly store: Store;
  readonly config: { readonly auth: { readonly required: boolean } };
  readonly vault?: VaultWiring;
  /** Only read for the insecure-env-key provider. */
  readonly insecureEnvKey?: string | undefined;
}

const initBody = z
  .object({
    shares: z.number().int().default(DEFAULT_SHARES),
    threshold: z.number().int().default(DEFAULT_THRESHOLD),
    admins: z.array(z.object({ name: z.string(), publicKey: z.string().max(2048) }).strict()).min(1).max(64),
  })
  .strict();
const unsealBody = z.object({ share: z.string().max(512) }).strict();
const rekeyBody = z.object({ shares: z.number().int(), threshold: z.number().int() }).strict();
const rekeyShareBody = z.object({ nonce: z.string().max(64), share: z.string().max(512) }).strict();

/** Metadata only: never the storage path or key material. */
function describeArtifact(record: ArtifactRecord) {
  return { id: record.id, name: record.name, label: record.label, sha256: record.sha256, size: record.size, keyId: record.keyId, createdBy: record.createdBy, createdAt: record.createdAt };
}

async function findArtifact(wiring: VaultWiring, name: string): Promise<ArtifactRecord> {
  const record = await wiring.registry.findByName(name);
  if (record === null) throw new BulwarkError('VAULT_ARTIFACT_NOT_FOUND', `No artifact named ${name} is registered.`);
  return record;
}

export function registerVaultRoutes(app: FastifyInstance, deps: VaultRouteDeps): void {
  const wiring = deps.vault;
  if (wiring === undefined) return;
  void app.register(async (scope) => {
    // Reads are unsigned; they sit behind the API key check like every other route.
    scope.addHook('preHandler', async (request) => {
      await authenticateCaller(request, deps.store, deps.config.auth.required);
    });
    // Uploads stream straight into the encryptor: no body limit, nothing buffered (see putArtifact).
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

    scope.get('/api/vault/status', () => wiring.custody.status());
    scope.post('/api/vault/init', (request) => initVault(wiring, request.body, deps.insecureEnvKey));
    scope.post('/api/vault/unseal', async (request) => {
      const { share } = parseWith(unsealBody, request.body);
      return wiring.custody.submitShare(share);
    });
    scope.post('/api/vault/seal', async (request) => {
      const user = await verifyCall(request.headers, { action: 'vault.seal', target: 'vault', roles: ['admin'] }, wiring.access, Date.now());
      return wiring.custody.seal(user.keyId);
    });
    registerRekeyRoutes(scope, wiring);
    scope.get('/api/vault/artifacts', async () => ({ artifacts: (await wiring.registry.list()).map(describeArtifact) }));
    scope.get<{ Params: { name: string } }>('/api/vault/artifacts/:name', async (request) => describeArtifact(await findArtifact(wiring, request.params.name)));
    scope.put<{ Params: { name: string }; Querystring: { label?: string } }>('/api/vault/artifacts/:name', (request, reply) => putArtifact(wiring, request, reply));
    scope.get<{ Params: { name: string }; Querystring: { grant?: string } }>('/api/vault/artifacts/:name/content', (request, reply) => getArtifact(wiring, request, reply));
  });
}

/**
 * Rekey (docs/vault-format.md, "Rekey"): an admin starts it with the new N and M; M custodians each
 * submit a current share with the rekey's nonce; the submission that completes it gets the new
 * shares, once. Like unseal, a share submission needs no identity: the share is the authority.
 */
function registerRekeyRoutes(scope: FastifyInstance, wiring: VaultWiring): void {
  // Distinct targets, so a start's signature cannot be replayed as a cancel.
  const signedBy = (request: FastifyRequest, target: 'rekey:start' | 'rekey:cancel') =>
    verifyCall(request.headers, { action: 'vault.rekey', target, roles: ['admin'] }, wiring.access, Date.now());
  scope.get('/api/vault/rekey', () => wiring.custody.rekey.status());
  scope.post('/api/vault/rekey', async (request) => {
    const user = await signedBy(request, 'rekey:start');
    const { shares, threshold } = parseWith(rekeyBody, request.body);
    return wiring.custody.rekey.start({ shares, threshold, actor: user.keyId });
  });
  scope.post('/api/vault/rekey/share', async (request) => {
    const { status, result } = await wiring.custody.rekey.submitShare(parseWith(rekeyShareBody, request.body));
    return result === null ? { ...status, complete: false } : { ...status, complete: true, keyId: result.keyId, shares: result.shares, threshold: result.threshold };
  });
  scope.delete('/api/vault/rekey', async (request) => wiring.custody.rekey.cancel((await signedBy(request, 'rekey:cancel')).keyId));
}

async function initVault(wiring: VaultWiring, body: unknown, envKey: string | undefined) {
  const input = parseWith(initBody, body);
  if ((await wiring.custody.status()).initialized) throw new BulwarkError('VAULT_ALREADY_INITIALIZED', 'The vault is already initialized.');
  const admins = readAdmins(input.admins);
  // Admins first: they validate every key. A retry after a failed key split finds the same admins
  // registered and goes on, instead of being stuck half-initialized.
  const existing = await wiring.access.listUsers();
  if (existing.length === 0) await wiring.access.bootstrapAdmins(admins);
  else if (!sameKeySet(existing, admins)) throw new BulwarkError('ACCESS_ALREADY_INITIALIZED', 'Users are already registered.');
  const masterKey = wiring.insecureProvider === 'insecure-env-key' && envKey ? decodeInsecureKey(envKey, INSECURE_ENV_KEY_VARIABLE) : generateMasterKey();
  try {
    const result = await wiring.custody.init({ shares: input.shares, threshold: input.threshold, actor: null, masterKey });
    if (wiring.insecureProvider === 'insecure-local-file') await writeInsecureKeyFile(wiring.insecureKeyFile, masterKey);
    if (wiring.insecureProvider !== null) await wiring.custody.unsealWithKey(masterKey, wiring.insecureProvider);
    return { keyId: result.keyId, shares: result.shares, threshold: result.threshold, admins: admins.length };
  } finally {
    masterKey.fill(0);
  }
}

async function putArtifact(wiring: VaultWiring, request: FastifyRequest<{ Params: { name: string }; Querystring: { label?: string } }>, reply: FastifyReply) {
  const { name } = request.params;
  const user = await verifyCall(request.headers, { action: 'vault.put', target: name, roles: ['admin'] }, wiring.access, Date.now());
  if (request.headers['content-type'] !== 'application/octet-stream') {
    throw new BulwarkError('REQUEST_UNSUPPORTED_MEDIA_TYPE', 'Upload the artifact as application/octet-stream.');
  }
  const size = Number(request.headers['content-length']);
  if (request.headers['content-length'] === undefined || !Number.isSafeInteger(size)) {
    throw new BulwarkError('VAULT_INVALID_ARGUMENT', 'An upload needs a Content-Length (the plaintext size).');
  }
  const record = await wiring.vault.put({
    name,
    label: request.query.label ?? null,
    plaintextSize: size,
    source: request.body as AsyncIterable<Uint8Array>,
    actor: user.keyId,
  });
  return reply.status(201).send(describeArtifact(record));
}

/**
 * Release (issue 4 §5): the signer must hold the grant, access re-verifies every signature and
 * appends the release to the audit log, and only then are chunks streamed, each after it
 * authenticated. Headers go out with the first verified chunk; a failure after that cannot change
 * the status, so the response ends with an `x-bulwark-result` trailer naming the error, and the
 * client keeps nothing without `ok` (and its own SHA-256 check).
 */
async function getArtifact(wiring: VaultWiring, request: FastifyRequest<{ Params: { name: string }; Querystring: { grant?: string } }>, reply: FastifyReply) {
  const grantId = request.query.grant;
  if (typeof grantId !== 'string' || grantId.length === 0 || grantId.length > 128) {
    throw new BulwarkError('ACCESS_GRANT_NOT_APPROVED', 'A grant id is required (?grant=ID).');
  }
  const record = await findArtifact(wiring, request.params.name);
  wiring.custody.currentKeyId(); // VAULT_SEALED now, before a grant use is spent
  // The program that will receive the plaintext (exec, or the CLI itself) is bound into the signature.
  const program = decodeProgramClaim(request.headers[PROGRAM_HEADER]);
  const signer = await verifyCall(request.headers, { action: 'vault.get', target: releaseTarget(record.name, grantId, program), roles: ['requester', 'approver', 'admin'] }, wiring.access, Date.now());
  const grant = await wiring.access.getRequest(grantId);
  if (grant.requesterKeyId !== signer.keyId) throw new BulwarkError('ACCESS_NOT_AUTHORIZED', 'Only the holder of a grant may use it.');
  // Conditional release (issue 6): program identity, egress posture, then the grant; all three audited.
  await wiring.release.authorize({
    artifact: record,
    grantId,
    actor: signer.keyId,
    program,
    verifyGrant: () => wiring.access.verifyGrantForRelease(grantId, { artifactId: record.id, artifactSha256: record.sha256 }),
  });
  await reply.hijack();
  await streamRelease(wiring, record, reply.raw, request);
}

async function streamRelease(wiring: VaultWiring, record: ArtifactRecord, raw: ServerResponse, request: FastifyRequest): Promise<void> {
  const headers = {
    'content-type': 'application/octet-stream',
    'x-bulwark-sha256': record.sha256,
    'x-bulwark-plaintext-size': String(record.size),
    'x-bulwark-request-id': request.id,
    trailer: 'x-bulwark-result',
  };
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!raw.headersSent) raw.writeHead(200, headers);
      if (raw.destroyed) return callback(new Error('the client went away'));
      if (raw.write(chunk)) return callback();
      // A client that disconnects never drains; without 'close' the release would hang forever.
      const onDrain = (): void => {
        raw.off('close', onClose);
        callback();
      };
      const onClose = (): void => {
        raw.off('drain', onDrain);
        callback(new Error('the client went away'));
      };
      raw.once('drain', onDrain);
      raw.once('close', onClose);
    },
  });
  try {
    await wiring.vault.readTo(record, destination);
    if (!raw.headersSent) raw.writeHead(200, headers);
    raw.addTrailers({ 'x-bulwark-result': 'ok' });
    raw.end();
  } catch (error) {
    const known = isBulwarkError(error) ? error : new BulwarkError('INTERNAL', 'internal error');
    request.log.warn({ code: known.code, artifact: record.id }, 'release failed while streaming');
    if (!raw.headersSent) {
      raw.writeHead(known.status, { 'content-type': 'application/json', 'x-bulwark-request-id': request.id });
      raw.end(JSON.stringify(known.status < 500 ? known.toJSON() : { error: { code: known.code, message: 'internal error', request_id: request.id } }));
      return;
    }
    raw.addTrailers({ 'x-bulwark-result': known.code });
    raw.end();
  }
}
