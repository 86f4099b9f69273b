import type { Clock } from '../core/clock.js';
import type { GuardVerdict } from '../guard/guard.js';
import type { Exemption, ExemptionRepository } from '../store/index.js';
import type { ExchangeIdentity } from './risk.js';

/** The exemptions in force for one exchange, merged: their ids and the categories they cover. */
export interface ExemptionScope {
  readonly ids: readonly string[];
  readonly categories: ReadonlySet<string>;
}

export interface ExemptionSource {
  forExchange(identity: ExchangeIdentity): Promise<ExemptionScope | null>;
}

export const noExemptions: ExemptionSource = { forExchange: async () => null };

/**
 * Active exemptions from the store, cached per tenant for `cacheMs` so the hot path does not query
 * the database on every request; a grant or revocation takes effect within that time on every replica.
 */
export function storeExemptions(repository: Pick<ExemptionRepository, 'active'>, clock: Clock, cacheMs: number): ExemptionSource {
  const cache = new Map<string, { at: number; list: Promise<Exemption[]> }>();
  const activeFor = (tenant: string, now: number): Promise<Exemption[]> => {
    const hit = cache.get(tenant);
    if (hit && now - hit.at < cacheMs) return hit.list;
    const list = repository.active(tenant, now);
    cache.set(tenant, { at: now, list });
    // A failed lookup is not cached: the next request asks again (and this one fails closed).
    list.catch(() => cache.delete(tenant));
    return list;
  };
  return {
    forExchange: async (identity) => {
      const now = clock.now();
      const matching = (await activeFor(identity.tenant, now)).filter((e) => e.expiresAt > now && (e.account === null || e.account === identity.account));
      if (matching.length === 0) return null;
      return { ids: matching.map((e) => e.id), categories: new Set(matching.flatMap((e) => e.categories)) };
    },
  };
}

/**
 * The verdict under an exemption. Only a verdict whose every triggered category is covered, with no
 * rule match and no classifier failure, is relaxed, and then to `flag`, never `allow`: exempt traffic
 * is still classified, logged with `exempted: true` and lands in the review list. Rules are canaries
 * and rapid-response patches for live jailbreaks; no exemption covers them.
 */
export function applyExemption(verdict: GuardVerdict, scope: ExemptionScope | null): { verdict: GuardVerdict; exempted: boolean } {
  if (scope === null || verdict.decision === 'allow' || verdict.failure !== null) return { verdict, exempted: false };
  if (verdict.matchedRules.some((rule) => rule.action !== 'allow')) return { verdict, exempted: false };
  const triggered = Object.entries(verdict.categories).filter(([, hit]) => hit).map(([id]) => id);
  if (triggered.length === 0 || !triggered.every((id) => scope.categories.has(id))) return { verdict, exempted: false };
  return {
    verdict: { ...verdict, decision: 'flag', reasons: [...verdict.reasons, `exempted (${scope.ids.join(', ')}): ${triggered.join(', ')} → flag for review`] },
    exempted: true,
  };
}
