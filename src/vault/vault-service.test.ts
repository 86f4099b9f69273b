import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit/index.js';
import { openStore, SQLITE_MEMORY_PATH } from '../store/index.js';
import { createKeyCustody, generateMasterKey } from './custody/index.js';
import { createArtifactRegistry, OBJECTS_DIR } from './registry.js';
import { createVaultService } from './vault-service.js';

async function setup() {
  const home = mkdtempSync(join(tmpdir(), 'bulwark-vault-service-'));
  const store = await openStore({ driver: 'sqlite', sqlite: { path: SQLITE_MEMORY_PATH } });
  const events: AuditEvent[] = [];
  const audit = { append: async (event: AuditEvent) => void events.push(event) };
  const custody = createKeyCustody({ db: store.db, audit, provider: 'insecure-env-key' });
  const masterKey = generateMasterKey();
  await custody.init({ shares: 2, threshold: 2, actor: null, masterKey });
  await custody.unsealWithKey(masterKey, 'insecure-env-key');
  const registry = createArtifactRegistry(store.db);
  return { home, store, events, registry, vault: createVaultService({ home, custody, registry, audit }) };
}

function collect(): { sink: Writable; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(Buffer.from(chunk));
      callback();
    },
  });
  return { sink, bytes: () => Buffer.concat(parts) };
}

describe('vault service', () => {
  it('stores, audits and registers a put, and reads it back', async () => {
    const { store, events, registry, vault } = await setup();
    const plaintext = randomBytes(3 * 2 ** 20 + 5);
    const record = await vault.put({ name: 'weights', label: null, plaintextSize: plaintext.length, source: Readable.from([plaintext]), actor: 'admin-key' });
    expect(await registry.findByName('weights')).toEqual(record);
    expect(events.map((e) => e.type)).toContain('vault.put');
    const out = collect();
    await vault.readTo(record, out.sink);
    expect(out.bytes().equals(plaintext)).toBe(true);
    await store.close();
  });

  it('sweeps what an interrupted put left (temp files, unregistered objects) and keeps registered ones', async () => {
    const { home, store, vault } = await setup();
    const record = await vault.put({ name: 'kept', label: null, plaintextSize: 10, source: Readable.from([Buffer.alloc(10, 7)]), actor: null });
    const objects = join(home, OBJECTS_DIR);
    const kept = join(home, record.path);
    writeFileSync(join(objects, 'art_partial.bwv.tmp-0123456789abcdef'), 'partial');
    // Killed between rename and register: a complete object that no registry row points to.
    copyFileSync(kept, join(objects, 'art_renamed_unregistered.bwv'));
    expect(await vault.sweepInterruptedPuts()).toBe(2);
    expect(readdirSync(objects)).toEqual([record.path.split('/').pop()]);
    const out = collect();
    await vault.readTo(record, out.sink);
    expect(out.bytes().equals(Buffer.alloc(10, 7))).toBe(true);
    await store.close();
  });
});
