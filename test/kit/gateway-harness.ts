import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { BulwarkConfigInput } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load.js';
import type { Policy } from '../../src/config/policy-schema.js';
import { Guard, type TextClassifier } from '../../src/guard/guard.js';
import { buildApp } from '../../src/server/app.js';
import { wireGateway } from '../../src/server/gateway-wiring.js';
import { createLogger } from '../../src/server/logger.js';
import { createMetrics, type Metrics } from '../../src/server/metrics.js';
import { openStore, type Store } from '../../src/store/index.js';
import { shippedClassifier } from './harness.js';

/** A classifier that scores everything 0: flagging then comes only from the policy's canary rules. */
export const ZERO_CLASSIFIER: TextClassifier = { name: 'zero', version: '1', categories: [], score: () => ({}) };

/**
 * Scores marker words, so a test says exactly how risky each turn is: `mildstep` scores 0.75 × the
 * cbrn.bio threshold (passes alone, adds conversation risk), `biohigh` 2 × (blocks alone).
 */
let bioThreshold: number | undefined;
/** The shipped policy's cbrn.bio threshold, so marker classifiers hold whatever the model's thresholds. */
export function shippedBioThreshold(): number {
  return (bioThreshold ??= loadConfig({ cwd: tmpdir() }).policy.categories.harmful['cbrn.bio']!.threshold);
}

export const MARKER_CLASSIFIER: TextClassifier = {
  name: 'markers',
  version: '1',
  categories: ['cbrn.bio', 'cbrn.chem', 'cbrn.rad_nuc'],
  score: (input) => {
    const threshold = shippedBioThreshold();
    const text = input.normalized.toLowerCase();
    const ratio = text.includes('biohigh') ? 2 : text.includes('mildstep') ? 0.75 : 0;
    return { 'cbrn.bio': Math.min(1, ratio * threshold), 'cbrn.chem': 0, 'cbrn.rad_nuc': 0 };
  },
};

/**
 * The shipped model when its artifact exists, else the zero classifier. Gateway tests flag with
 * canary rules only and use plainly benign text, so they hold for any reasonable model.
 */
export function gatewayClassifier(): TextClassifier {
  const modelFile = loadConfig({ cwd: tmpdir() }).paths.modelFile;
  return existsSync(modelFile) ? shippedClassifier() : ZERO_CLASSIFIER;
}

/** The shipped policy (it carries the `XYZZY-CANARY` rule) with a given classifier. */
export function policyGuard(classifier: TextClassifier = ZERO_CLASSIFIER, edit?: (p: Policy) => Policy): Guard {
  const loaded = loadConfig({ cwd: tmpdir() });
  const policy = edit ? edit(structuredClone(loaded.policy)) : loaded.policy;
  return new Guard(policy, classifier, loaded.config.guard);
}

export const CANARY = 'XYZZY-CANARY';
export const UPSTREAM_SECRET = 'sk-upstream-secret-never-shown';
const SECRET_ENV = 'BULWARK_TEST_UPSTREAM_KEY';

export interface GatewayServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly store: Store;
  readonly metrics: Metrics;
  readonly key: string;
  close(): Promise<void>;
}

/**
 * The real app on a real socket with real upstream pools, like `startServer` but with an injectable
 * classifier (the shipped model may be absent while it is being retrained) and auth required.
 */
export async function startGatewayServer(options: {
  openai?: string;
  anthropic?: string;
  overrides?: BulwarkConfigInput;
  classifier?: TextClassifier;
  /** Where logs go (at level debug); silent when unset. */
  logTo?: DestinationStream;
}): Promise<GatewayServer> {
  const home = mkdtempSync(path.join(tmpdir(), 'bulwark-gateway-'));
  // Classifier threads load the model file; an injected classifier (or a missing model) runs on the event loop.
  const threads = options.classifier === undefined && gatewayClassifier() !== ZERO_CLASSIFIER ? {} : { classifier: { threads: 0 } };
  const upstream = (url: string | undefined) => ({ baseUrl: url ?? 'http://127.0.0.1:9', apiKeyEnv: SECRET_ENV, timeoutMs: 5_000 });
  const loaded = loadConfig({
    cwd: home,
    home,
    overrides: {
      server: { port: 0 },
      auth: { required: true },
      log: { level: 'silent' },
      ...options.overrides,
      gateway: { ...threads, ...options.overrides?.gateway, upstreams: { openai: upstream(options.openai), anthropic: upstream(options.anthropic) } },
    },
  });
  const guard = new Guard(loaded.policy, options.classifier ?? gatewayClassifier(), loaded.config.guard);
  const store = await openStore(loaded.config.storage);
  const metrics = createMetrics();
  const logger = options.logTo ? createLogger('debug', options.logTo) : createLogger('silent');
  // As in startServer: conversation risk in Redis when the config names one, else in memory.
  const gateway = await wireGateway(loaded.config, guard, loaded.paths.modelFile, logger, (name) => (name === SECRET_ENV ? UPSTREAM_SECRET : undefined));
  const app = buildApp({ config: loaded.config, guard, store, metrics, logger, gateway });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const { key } = await store.apiKeys.create({ tenant: 'gateway-test' });
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    store,
    metrics,
    key,
    close: async () => {
      // A client may hold an opened-but-unused connection (undici does after an abort); Node would
      // wait for its header timeout before the server closes.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await gateway.close();
      await store.close();
    },
  };
}
