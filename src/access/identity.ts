import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, open, readFile, stat } from 'node:fs/promises';
import { BulwarkError } from '../core/errors.js';
import { keyIdOf, rawPublicKeyOf } from './signing.js';

export interface GeneratedIdentity {
  readonly name: string;
  /** PKCS#8 PEM. Secret: written once to a 0600 file, never logged. */
  readonly privateKeyPem: string;
  /** SPKI PEM, for `FILE.pub`. */
  readonly publicKeyPem: string;
  /** Raw 32-byte Ed25519 public key, base64; what the server registers. */
  readonly publicKey: string;
  /** Hex SHA-256 of the raw public key (64 chars; the first 16 are fine for display). */
  readonly keyId: string;
}

/** A loaded private identity, ready to sign. */
export interface SigningIdentity {
  readonly keyId: string;
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

export interface PublicIdentity {
  readonly keyId: string;
  readonly publicKey: string;
}

export function generateIdentity(name: string): GeneratedIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKeyOf(publicKey);
  return {
    name,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKey: raw,
    keyId: keyIdOf(raw),
  };
}

function keyFileError(code: 'ACCESS_KEY_FILE_INVALID' | 'ACCESS_KEY_FILE_UNSAFE', message: string, cause?: unknown): BulwarkError {
  return new BulwarkError(code, message, cause === undefined ? {} : { cause });
}

/**
 * Writes `path` (private, 0600) and `path.pub` (public). Refuses to overwrite either: replacing a key
 * silently would lock its owner out, or hand their name to a new key.
 */
export async function writeIdentityFiles(path: string, identity: GeneratedIdentity): Promise<void> {
  await writeNewFile(path, identity.privateKeyPem, 0o600);
  await writeNewFile(`${path}.pub`, identity.publicKeyPem, 0o644);
}

async function writeNewFile(path: string, text: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (cause) {
    throw keyFileError('ACCESS_KEY_FILE_INVALID', `Cannot create ${path} (it may already exist).`, cause);
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask could only have narrowed the mode; set it exactly so the file is what we promise.
  await chmod(path, mode);
}

/** Loads a private key file, refusing one that group or others can read (like ssh does). */
export async function loadIdentity(path: string): Promise<SigningIdentity> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw keyFileError('ACCESS_KEY_FILE_INVALID', `Cannot read the identity file ${path}.`, cause);
  }
  if ((info.mode & 0o077) !== 0) {
    throw keyFileError('ACCESS_KEY_FILE_UNSAFE', `The identity file ${path} is accessible by group or others; run chmod 600 on it.`);
  }
  const privateKey = parsePem(await readText(path), path, 'private');
  const publicKey = rawPublicKeyOf(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** Loads a `FILE.pub` (SPKI PEM) as the raw key and key id the server registers. */
export async function loadPublicKeyFile(path: string): Promise<PublicIdentity> {
  const key = parsePem(await readText(path), path, 'public');
  const publicKey = rawPublicKeyOf(key);
  return { keyId: keyIdOf(publicKey), publicKey };
}

/** The raw base64 form of a public key given as PEM text (e.g. a `.pub` uploaded to the API). */
export function publicKeyFromPem(pem: string): PublicIdentity {
  const publicKey = rawPublicKeyOf(parsePem(pem, 'the public key', 'public'));
  return { keyId: keyIdOf(publicKey), publicKey };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw keyFileError('ACCESS_KEY_FILE_INVALID', `Cannot read the key file ${path}.`, cause);
  }
}

function parsePem(pem: string, where: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : publicKeyOfPem(pem);
  } catch (cause) {
    throw keyFileError('ACCESS_KEY_FILE_INVALID', `${where} is not a PEM ${kind} key.`, cause);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw keyFileError('ACCESS_KEY_FILE_INVALID', `${where} is not an Ed25519 key.`);
  }
  return key;
}

function publicKeyOfPem(pem: string): KeyObject {
  // createPublicKey would also accept a *private* PEM and derive its public half; a .pub that
  // holds a private key is a mistake worth refusing, since that file is meant to be shared.
  if (pem.includes('PRIVATE KEY')) throw new Error('private key in a public key file');
  return createPublicKey(pem);
}
