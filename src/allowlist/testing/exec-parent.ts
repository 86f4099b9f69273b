/**
 * Child process for the parent-signal test: runs an allowlisted long-running command through the exec
 * gate, prints the artifact path, and exits with the child's result once a forwarded SIGTERM ends it.
 */
import { openStore } from '../../store/open-store.js';
import { createAllowlistService } from '../allowlist.js';
import { createExecGate } from '../exec-gate.js';
import { RecordingAudit, allowlistFiles } from './fixture.js';

const [dbPath, script] = process.argv.slice(2);
if (dbPath === undefined || script === undefined) throw new Error('usage: exec-parent <sqlite-path> <script>');
const store = await openStore({ driver: 'sqlite', sqlite: { path: dbPath } });
await allowlistFiles(store, ['/usr/bin/dash', script]);
const allowlist = createAllowlistService({ db: store.db, audit: new RecordingAudit(), keys: { find: async () => null } });
const gate = createExecGate({ allowlist, audit: new RecordingAudit() });
const result = await gate.runAllowlisted({
  command: '/bin/sh',
  args: [script],
  env: { PATH: '/usr/bin:/bin' },
  cwd: '/',
  stdio: 'ignore',
  artifact: { open: async function* () { yield Buffer.from('weights'); } },
  onStart: ({ artifactPath }) => process.stdout.write(`${artifactPath}\n`),
});
process.stdout.write(`done ${result.signal ?? result.exitCode}\n`);
await store.close();
