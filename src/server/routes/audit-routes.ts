import type { FastifyInstance } from 'fastify';
import { readLogPublicKey, toCheckpointFile } from '../../audit/index.js';
import { BulwarkError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { authenticateCaller } from '../auth.js';
import type { VaultWiring } from '../vault-wiring.js';

export interface AuditRouteDeps {
  readonly store: Store;
  readonly config: { readonly auth: { readonly required: boolean } };
  readonly vault?: VaultWiring;
}

/**
 * The server's own view of its log. An auditor who does not trust the server verifies offline
 * (`bulwark audit export` + `bulwark audit verify --input`), which needs no endpoint at all.
 */
export function registerAuditRoutes(app: FastifyInstance, deps: AuditRouteDeps): void {
  const wiring = deps.vault;
  if (wiring === undefined) return;
  const { audit } = wiring;
  void app.register(async (scope) => {
    scope.addHook('preHandler', async (request) => {
      await authenticateCaller(request, deps.store, deps.config.auth.required);
    });
    scope.post('/api/audit/verify', async () => {
      const result = await audit.verify(readLogPublicKey(wiring.auditKeyFile));
      if (!result.ok) {
        const { index, reason, message } = result.problem;
        throw new BulwarkError('AUDIT_CHAIN_BROKEN', `first bad entry ${index} (${reason}): ${message}`);
      }
      return result;
    });
    scope.get<{ Params: { index: string } }>('/api/audit/entries/:index/proof', async (request) => {
      const index = Number(request.params.index);
      if (!/^\d{1,15}$/.test(request.params.index)) throw new BulwarkError('REQUEST_INVALID_BODY', 'The entry index must be a non-negative integer.');
      return audit.proveInclusion(index);
    });
    scope.post('/api/audit/checkpoint', async () => toCheckpointFile(await audit.checkpoint(), readLogPublicKey(wiring.auditKeyFile)));
  });
}
