import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isBulwarkError } from '../core/errors.js';
import { generateIdentity, loadIdentity, loadPublicKeyFile, publicKeyFromPem, writeIdentityFiles } from './identity.js';
import { signPayload, verifyPayload } from './signing.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-identity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `id-${(n += 1)}`);

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  return isBulwarkError(error) ? error.code : error;
}

describe('identity files', () => {
  it('writes the private key 0600 and FILE.pub, and loads both back to the same key id', async () => {
    const path = fresh();
    const generated = generateIdentity('alice');
    await writeIdentityFiles(path, generated);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${path}.pub`, 'utf8')).toContain('BEGIN PUBLIC KEY');
    const loaded = await loadIdentity(path);
    expect(loaded.keyId).toBe(generated.keyId);
    expect((await loadPublicKeyFile(`${path}.pub`)).keyId).toBe(generated.keyId);
    expect(publicKeyFromPem(generated.publicKeyPem).publicKey).toBe(generated.publicKey);
    expect(verifyPayload(generated.publicKey, 'decision', { a: 1 }, signPayload(loaded.privateKey, 'decision', { a: 1 }))).toBe(true);
  });

  it('refuses a private key readable by group or others, like ssh', async () => {
    const path = fresh();
    await writeIdentityFiles(path, generateIdentity('bob'));
    for (const mode of [0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      expect(await codeOf(loadIdentity(path))).toBe('ACCESS_KEY_FILE_UNSAFE');
    }
  });

  it('never overwrites an existing key file', async () => {
    const path = fresh();
    await writeIdentityFiles(path, generateIdentity('carol'));
    expect(await codeOf(writeIdentityFiles(path, generateIdentity('mallory')))).toBe('ACCESS_KEY_FILE_INVALID');
  });

  it('refuses missing files, non-Ed25519 keys and a private key posing as a .pub', async () => {
    expect(await codeOf(loadIdentity(join(root, 'missing')))).toBe('ACCESS_KEY_FILE_INVALID');
    const path = fresh();
    const generated = generateIdentity('dave');
    writeFileSync(path, generated.privateKeyPem, { mode: 0o600 });
    expect(await codeOf(loadPublicKeyFile(path))).toBe('ACCESS_KEY_FILE_INVALID');
    const garbage = fresh();
    writeFileSync(garbage, 'not a key', { mode: 0o600 });
    expect(await codeOf(loadIdentity(garbage))).toBe('ACCESS_KEY_FILE_INVALID');
  });
});
