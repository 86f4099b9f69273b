import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BulwarkError } from '../core/errors.js';

/** File name of the log key inside the data folder; the server and the CLI join it with `home`. */
export const DEFAULT_AUDIT_LOG_KEY_FILE = 'audit-log-key.pem';

export interface LogKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

function keyUnavailable(why: string, cause?: unknown): BulwarkError {
  return new BulwarkError('AUDIT_KEY_UNAVAILABLE', `The audit log key ${why}.`, cause === undefined ? {} : { cause });
}

/**
 * The Ed25519 log key, created on first use. Threat: anyone who can read this file can sign
 * checkpoints for a rewritten log, so it is refused unless it is a regular file readable by its
 * owner only (like ssh does), and it is created 0600 and published atomically (link, not rename, so
 * two processes racing to create it end up with the same key).
 */
export function loadOrCreateLogKey(path: string): LogKey {
  if (!exists(path)) createKeyFile(path);
  return parsePrivateKey(readKeyFile(path));
}

/** The public half, from the private key file (for `bulwark audit verify` on the server's host). */
export function readLogPublicKey(path: string): KeyObject {
  return parsePrivateKey(readKeyFile(path)).publicKey;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw keyUnavailable(`at ${path} cannot be examined`, error);
  }
}

function readKeyFile(path: string): string {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    throw keyUnavailable(`at ${path} cannot be read`, error);
  }
  if (!info.isFile()) throw keyUnavailable(`at ${path} is not a regular file`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw keyUnavailable(`at ${path} is readable by others (mode ${(info.mode & 0o777).toString(8)}); run chmod 600`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw keyUnavailable(`at ${path} cannot be read`, error);
  }
}

function parsePrivateKey(pem: string): LogKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw keyUnavailable('file is not a PEM private key', error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw keyUnavailable('is not an Ed25519 key');
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function createKeyFile(path: string): void {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, Buffer.from(pem));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temporary, path);
  } catch (error) {
    // Another process published its key first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyUnavailable(`cannot be created at ${path}`, error);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already gone.
    }
  }
}
