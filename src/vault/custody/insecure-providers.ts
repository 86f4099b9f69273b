import { constants } from 'node:fs';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BulwarkError } from '../../core/errors.js';
import { MASTER_KEY_BYTES } from './master-key.js';

/**
 * Development-only key providers. Both put the whole master key where anyone with the machine (or
 * the process environment) can read it, which defeats M-of-N custody; they exist so a laptop demo
 * does not need five custodians. Enabled only by the risky `vault.insecureDevKeyProvider` setting.
 */
export const INSECURE_LOCAL_KEY_FILE = 'vault/INSECURE-master-key.b64';

export function decodeInsecureKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new BulwarkError('VAULT_INVALID_ARGUMENT', `${where} must hold a base64 ${MASTER_KEY_BYTES}-byte key.`);
  }
  return key;
}

/** Mode 0600 and O_EXCL: an existing file is never overwritten (that would orphan every artifact). */
export async function writeInsecureKeyFile(path: string, key: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(`${Buffer.from(key).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** null when there is no key file yet (the vault is not initialized). */
export async function readInsecureKeyFile(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) throw new BulwarkError('VAULT_INVALID_ARGUMENT', `${path} is readable by others; chmod 600 it.`);
    return decodeInsecureKey(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
