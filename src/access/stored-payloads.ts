import type { z } from 'zod';
import type { StoredDecision, StoredRequest } from './access-repository.js';
import {
  accessRequestSchema,
  decisionSchema,
  usersChangeSchema,
  type AccessRequestPayload,
  type DecisionPayload,
  type UsersChangePayload,
} from './payloads.js';
import type { RequestKind } from './records.js';
import { payloadDigest, signatureInvalid, type SignatureDomain } from './signing.js';

/**
 * Stored payloads are re-read as untrusted: someone with write access to the database may have edited
 * them. Anything that no longer parses cannot carry a valid signature, so it fails as one.
 */
function parseStored<S extends z.ZodType>(schema: S, text: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw signatureInvalid();
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw signatureInvalid();
  return result.data;
}

export function domainOf(kind: RequestKind): SignatureDomain {
  switch (kind) {
    case 'access':
      return 'accessRequest';
    case 'break_glass':
      return 'breakGlass';
    case 'users_change':
      return 'usersChange';
  }
}

export function storedAccessPayload(stored: StoredRequest): AccessRequestPayload {
  return parseStored(accessRequestSchema, stored.payloadText);
}

export function storedUsersChangePayload(stored: StoredRequest): UsersChangePayload {
  return parseStored(usersChangeSchema, stored.payloadText);
}

export function storedRequestPayload(stored: StoredRequest): AccessRequestPayload | UsersChangePayload {
  return stored.kind === 'users_change' ? storedUsersChangePayload(stored) : storedAccessPayload(stored);
}

/** The digest recomputed from the payload, never the stored column (which could have been edited). */
export function recomputedDigest(stored: StoredRequest, payload: AccessRequestPayload | UsersChangePayload): string {
  return payloadDigest(domainOf(stored.kind), payload);
}

/** A decision row whose signed payload must agree with its columns, or the row was tampered with. */
export function storedDecisionPayload(row: StoredDecision): DecisionPayload {
  const payload = parseStored(decisionSchema, row.payloadText);
  if (payload.approverKeyId !== row.approverKeyId || payload.decision !== row.decision || payload.time !== row.time) {
    throw signatureInvalid();
  }
  return payload;
}
