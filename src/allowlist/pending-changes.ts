import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { SignedEnvelope } from '../access/payloads.js';
import type { AllowlistChangePayload } from './changes.js';

/**
 * Allowlist change requests waiting for their second admin. They are signed and expire with the
 * change TTL (1 h), so a restart losing them would only cost a re-request; they are kept as files in
 * `<home>/allowlist/pending` (0600) so a restart does not. Nothing here is trusted: approving re-verifies
 * every signature through AllowlistService.applyApprovedChange.
 */
export interface PendingChange {
  readonly id: string;
  readonly digest: string;
  readonly change: SignedEnvelope<AllowlistChangePayload>;
  readonly approvals: readonly SignedEnvelope<unknown>[];
  readonly createdAt: number;
}

export interface PendingChangeStore {
  add(input: { digest: string; change: SignedEnvelope<AllowlistChangePayload>; now: number }): Promise<PendingChange>;
  get(id: string): Promise<PendingChange>;
  list(): Promise<PendingChange[]>;
  save(change: PendingChange): Promise<void>;
  remove(id: string): Promise<void>;
}

const ID = /^alr_[A-Za-z0-9_-]{1,60}$/;

export function createPendingChangeStore(dir: string): PendingChangeStore {
  const fileOf = (id: string): string => {
    if (!ID.test(id)) throw notFound();
    return join(dir, `${id}.json`);
  };
  async function write(change: PendingChange): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = fileOf(change.id);
    const temp = `${file}.tmp-${process.pid}`;
    await writeFile(temp, JSON.stringify(change), { mode: 0o600 });
    await rename(temp, file);
  }
  async function read(id: string): Promise<PendingChange> {
    const text = await readFile(fileOf(id), 'utf8').catch(() => {
      throw notFound();
    });
    return JSON.parse(text) as PendingChange;
  }
  return {
    async add({ digest, change, now }) {
      const existing = (await this.list()).find((p) => p.digest === digest);
      if (existing !== undefined) return existing;
      const pending: PendingChange = { id: newId('alr', now), digest, change, approvals: [], createdAt: now };
      await write(pending);
      return pending;
    },
    get: read,
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const out: PendingChange[] = [];
      for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
        const pending = await read(name.slice(0, -5)).catch(() => null);
        if (pending !== null) out.push(pending);
      }
      return out.sort((a, b) => a.createdAt - b.createdAt);
    },
    save: write,
    async remove(id) {
      await rm(fileOf(id), { force: true });
    },
  };
}

function notFound(): BulwarkError {
  return new BulwarkError('ALLOWLIST_CHANGE_NOT_FOUND', 'No pending allowlist change with that id.');
}
