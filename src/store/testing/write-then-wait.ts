/**
 * Child process for the kill -9 durability test: writes one decision, reports it, then idles until the
 * parent kills it with SIGKILL, so no close() or exit handler ever runs.
 */
import { openStore } from '../open-store.js';

const [path, id] = process.argv.slice(2);
if (path === undefined || id === undefined) throw new Error('usage: write-then-wait <sqlite-path> <decision-id>');

const store = await openStore({ driver: 'sqlite', sqlite: { path } });
await store.decisions.insert({
  id,
  createdAt: 1_700_000_000_000,
  tenant: 'acme',
  source: 'classify',
  inputHash: 'a'.repeat(64),
  input: 'survives kill -9',
  decision: 'block',
  flagged: true,
  categories: ['cbrn'],
  scores: { cbrn: 0.97 },
  matchedRules: ['rule-1'],
  modelVersion: 'm1',
  policyVersion: 'p1',
  mode: 'enforce',
  latencyMs: 1.5,
});
process.stdout.write('written\n');
setInterval(() => undefined, 60_000);
