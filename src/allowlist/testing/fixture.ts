import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/types.js';
import type { AllowlistEntry } from '../allowlist.js';
import { insertEntry } from '../allowlist-repository.js';
import { hashFile } from '../identity.js';
import type { AllowlistAuditEvent, AllowlistAuditSink } from '../ports.js';

/** An audit sink double that records events and can be told to fail, like a full disk would. */
export class RecordingAudit implements AllowlistAuditSink {
  readonly events: AllowlistAuditEvent[] = [];
  failing = false;

  async append(event: AllowlistAuditEvent): Promise<unknown> {
    if (this.failing) throw new Error('disk full');
    this.events.push(JSON.parse(JSON.stringify(event)) as AllowlistAuditEvent);
    return { index: this.events.length - 1 };
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }
}

export async function openTestStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-allowlist-'));
  return openStore({ driver: 'sqlite', sqlite: { path: join(dir, 'test.db') } });
}

let counter = 0;

/** Seeds entries directly (bypassing the two-party flow, which allowlist.test.ts covers). */
export async function allowlistFiles(store: Store, paths: readonly string[], pathPattern: string | null = null): Promise<AllowlistEntry[]> {
  const entries: AllowlistEntry[] = [];
  for (const path of paths) {
    const { sha256, size } = await hashFile(path);
    counter += 1;
    const entry: AllowlistEntry = {
      id: `alw_test${counter}`,
      kind: 'file',
      sha256,
      name: path.split('/').pop()!,
      owner: 'ml-infra',
      pathPattern,
      signer: null,
      path,
      size,
      addedBy: 'a'.repeat(64),
      approvedBy: ['b'.repeat(64)],
      changeId: `alc_test${counter}`,
      createdAt: 1_700_000_000_000 + counter,
    };
    await insertEntry(store.db, entry);
    entries.push(entry);
  }
  return entries;
}
