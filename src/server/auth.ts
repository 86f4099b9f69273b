import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../core/errors.js';
import type { Store } from '../store/index.js';

export const ANONYMOUS_TENANT = 'anonymous';

export interface Caller {
  readonly tenant: string;
  readonly keyId: string | null;
}

/** Either `Authorization: Bearer KEY` or `x-api-key: KEY` (the OpenAI and Anthropic conventions). */
export function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new BulwarkError('AUTH_INVALID_KEY', 'Authorization header must be "Bearer <key>"');
    return match[1]!;
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey.trim();
  return null;
}

/**
 * A presented key is always checked, even when anonymous use is allowed: a wrong key is a client
 * bug or an attack, and silently downgrading it to anonymous would hide both.
 */
export async function authenticateCaller(request: FastifyRequest, store: Store, required: boolean): Promise<Caller> {
  const key = presentedKey(request);
  if (key === null) {
    if (required) throw new BulwarkError('AUTH_MISSING_KEY', 'an API key is required: send Authorization: Bearer <key> or x-api-key');
    return { tenant: ANONYMOUS_TENANT, keyId: null };
  }
  const found = await store.apiKeys.authenticate(key);
  if (!found) throw new BulwarkError('AUTH_INVALID_KEY', 'the API key is unknown or revoked');
  return { tenant: found.tenant, keyId: found.id };
}
