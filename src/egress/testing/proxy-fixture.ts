import { systemClock } from '../../core/clock.js';
import { openStore, type Store } from '../../store/index.js';
import { parseEgressConfig, type EgressConfig, type EgressConfigInput } from '../config.js';
import type { AuditEvent } from '../../audit/index.js';
import type { EgressLedger } from '../ledger.js';
import { openLocalLedger } from '../local-ledger.js';
import { startEgressProxy, type EgressProxy } from '../proxy.js';
import { createEgressTokenRepository } from '../token-repository.js';
import { LOOPBACK } from './loopback.js';

export interface ProxyFixture {
  readonly proxy: EgressProxy;
  readonly ledger: EgressLedger;
  readonly events: AuditEvent[];
  close(): Promise<void>;
}

export function testConfig(input: EgressConfigInput): EgressConfig {
  return parseEgressConfig({ unsafeAllowFastExfiltration: true, ...input }, 'test');
}

/** A proxy on 127.0.0.1:0 over `store`, with a recording audit port. */
export async function startTestProxy(store: Store, config: EgressConfig, ledger?: EgressLedger): Promise<ProxyFixture> {
  const events: AuditEvent[] = [];
  const own = ledger ?? (await openLocalLedger(store.db, { clock: systemClock, alertFractions: config.alertAt }));
  const proxy = await startEgressProxy({
    config,
    tokens: createEgressTokenRepository(store.db, systemClock),
    ledger: own,
    audit: { append: async (event) => void events.push(event) },
    listen: { host: LOOPBACK, port: 0 },
    stallPollMs: 100,
  });
  return {
    proxy,
    ledger: own,
    events,
    close: async () => {
      await proxy.close();
      if (ledger === undefined) await own.close();
    },
  };
}

export async function openMemoryStore(path = ':memory:'): Promise<Store> {
  return openStore({ driver: 'sqlite', sqlite: { path } });
}
