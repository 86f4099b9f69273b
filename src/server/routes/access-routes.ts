import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SignedEnvelope } from '../../access/index.js';
import type { Store } from '../../store/index.js';
import { authenticateCaller } from '../auth.js';
import { parseWith } from '../validate.js';
import type { VaultWiring } from '../vault-wiring.js';

export interface AccessRouteDeps {
  readonly store: Store;
  readonly config: { readonly auth: { readonly required: boolean } };
  readonly vault?: VaultWiring;
}

/** Only the outer shape is checked here; the payload goes to access untouched, which parses it strictly. */
const envelopeSchema = z.object({ payload: z.unknown(), signature: z.string().max(256) }).strict();
const listQuery = z
  .object({
    status: z.enum(['pending', 'approved', 'denied', 'revoked', 'expired']).optional(),
    kind: z.enum(['access', 'break_glass', 'users_change']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();

function envelopeOf(body: unknown): SignedEnvelope {
  const parsed = parseWith(envelopeSchema, body);
  return { payload: parsed.payload, signature: parsed.signature };
}

/** Two-party access over HTTP: every mutation is a signed envelope, passed through unchanged. */
export function registerAccessRoutes(app: FastifyInstance, deps: AccessRouteDeps): void {
  const wiring = deps.vault;
  if (wiring === undefined) return;
  const { access } = wiring;
  void app.register(async (scope) => {
    scope.addHook('preHandler', async (request) => {
      await authenticateCaller(request, deps.store, deps.config.auth.required);
    });
    type WithId = { Params: { id: string } };
    scope.get('/api/access/users', async () => ({ users: await access.listUsers() }));
    scope.post('/api/access/users/changes', async (request, reply) => reply.status(201).send(await access.submitUsersChange(envelopeOf(request.body))));
    scope.post('/api/access/requests', async (request, reply) => reply.status(201).send(await access.submitAccessRequest(envelopeOf(request.body))));
    scope.get('/api/access/requests', async (request) => {
      const query = parseWith(listQuery, request.query);
      return { requests: await access.listRequests(query) };
    });
    scope.get<WithId>('/api/access/requests/:id', (request) => access.getRequest(request.params.id));
    scope.post<WithId>('/api/access/requests/:id/decisions', (request) => access.decide(request.params.id, envelopeOf(request.body)));
    scope.post<WithId>('/api/access/requests/:id/revoke', (request) => access.revoke(request.params.id, envelopeOf(request.body)));
    scope.post('/api/access/break-glass', async (request, reply) => reply.status(201).send(await access.breakGlass(envelopeOf(request.body))));
    scope.get('/api/access/reviews', async () => ({ reviews: await access.listReviews() }));
    scope.post<WithId>('/api/access/reviews/:id', (request) => access.closeReview(request.params.id, envelopeOf(request.body)));
  });
}
