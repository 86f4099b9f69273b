import { BulwarkError } from '../core/errors.js';

// Node socket errors, pg's own connection messages, and SQLite result codes that mean the database
// (not the query) is at fault. Anything else is a bug and propagates unchanged.
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT)/;
// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;
const UNAVAILABLE_MESSAGES = /connection terminated|timeout exceeded when trying to connect|pool (has ended|is ended)|driver has already been destroyed|database connection is not open/i;

export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLITE_CODES.test(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE.test(code)) return true;
  }
  if (error instanceof AggregateError && error.errors.some(isUnavailableError)) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

export function unavailable(cause: unknown): BulwarkError {
  return new BulwarkError('STORE_UNAVAILABLE', 'The database could not be reached.', { cause });
}

/** Runs a store operation; an outage becomes STORE_UNAVAILABLE so callers can fail closed on it. */
export async function guardStoreCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof BulwarkError) throw error;
    throw isUnavailableError(error) ? unavailable(error) : error;
  }
}
