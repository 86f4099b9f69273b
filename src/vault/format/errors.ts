import { BulwarkError } from '../../core/errors.js';

/** Error codes of the vault artifact format (catalogued in src/core/error-codes.ts). */
export const VAULT_ERROR_CODES = {
  /** Any authentication failure. One fixed message: no oracle about which check failed. */
  VAULT_INTEGRITY: 'VAULT_INTEGRITY',
  /** Not a Bulwark artifact, or a format version this build cannot read. */
  VAULT_FORMAT_UNSUPPORTED: 'VAULT_FORMAT_UNSUPPORTED',
  /** A caller passed an unusable option (KEK length, chunk size, artifact id). */
  VAULT_INVALID_ARGUMENT: 'VAULT_INVALID_ARGUMENT',
  /** The plaintext source did not match its declared size or SHA-256 while being encrypted. */
  VAULT_SOURCE_MISMATCH: 'VAULT_SOURCE_MISMATCH',
  /** Reading or writing a file failed (ENOENT, ENOSPC, EACCES...). */
  VAULT_IO_FAILED: 'VAULT_IO_FAILED',
} as const;

export type VaultErrorCode = keyof typeof VAULT_ERROR_CODES;

/** The fixed message for every authentication failure (jose's JWEDecryptionFailed pattern). */
export const INTEGRITY_MESSAGE = 'The artifact failed authentication; it is corrupt, truncated, tampered with, or the key is wrong.';

function raise(code: VaultErrorCode, message: string, cause?: unknown): BulwarkError {
  return new BulwarkError(code, message, cause === undefined ? {} : { cause });
}

/** Authentication failed. Deliberately carries no cause: the reason must not become an oracle. */
export function integrityError(): BulwarkError {
  return raise('VAULT_INTEGRITY', INTEGRITY_MESSAGE);
}

export function unsupportedFormatError(message: string): BulwarkError {
  return raise('VAULT_FORMAT_UNSUPPORTED', message);
}

export function invalidArgumentError(message: string): BulwarkError {
  return raise('VAULT_INVALID_ARGUMENT', message);
}

export function sourceMismatchError(message: string): BulwarkError {
  return raise('VAULT_SOURCE_MISMATCH', message);
}

/** True for errors raised by the OS (they carry a syscall), as opposed to format or crypto failures. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** Wraps an OS error; other errors pass through unchanged. */
export function toIoError(error: unknown): unknown {
  if (!isSystemError(error)) return error;
  const where = error.path === undefined ? '' : ` ${error.path}`;
  return raise('VAULT_IO_FAILED', `${error.syscall ?? 'io'}${where} failed: ${error.code ?? 'unknown error'}`, error);
}

export function isVaultError(error: unknown, code: VaultErrorCode): error is BulwarkError {
  return error instanceof BulwarkError && (error.code as string) === code;
}
