/**
 * Child process for the multi-process test: appends N events one by one to a shared SQLite file
 * (each its own transaction, racing the other writer for the head row), then exits.
 */
import { openStore } from '../../store/index.js';
import { createAuditLog } from '../log.js';

const [path, keyFile, tag, count] = process.argv.slice(2);
if (path === undefined || keyFile === undefined || tag === undefined || count === undefined) {
  throw new Error('usage: append-events <sqlite-path> <key-file> <tag> <count>');
}
const store = await openStore({ driver: 'sqlite', sqlite: { path } });
const log = createAuditLog(store, { keyFile, checkpointEveryEntries: 7 });
for (let i = 0; i < Number(count); i += 1) {
  await log.append({ type: 'egress.alert', actor: tag, subject: null, time: 1_700_000_000_000 + i, details: { i } });
}
await store.close();
