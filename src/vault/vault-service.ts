import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { commitTempFile, createTempFile, discardTempFile } from './format/atomic-file.js';
import { decryptToStream, encryptArtifact, type DecryptResult, type KeyEncryptionKey } from './format/index.js';
import type { KeyCustody } from './custody/index.js';
import { recordOrRefuse, type VaultAuditSink } from './record-or-refuse.js';
import { assertArtifactLabel, assertArtifactName, OBJECTS_DIR, type ArtifactRecord, type ArtifactRegistry } from './registry.js';

export interface VaultServiceOptions {
  /** The data folder; objects go to `<home>/vault/objects/`. */
  readonly home: string;
  readonly custody: KeyCustody;
  readonly registry: ArtifactRegistry;
  readonly audit: VaultAuditSink;
  readonly clock?: Clock;
}

export interface PutInput {
  readonly name: string;
  readonly label: string | null;
  readonly plaintextSize: number;
  readonly source: Readable | AsyncIterable<Uint8Array>;
  /** Key id of the admin storing it. */
  readonly actor: string | null;
  readonly onProgress?: (plaintextBytes: number) => void;
}

export interface VaultService {
  /** Encrypts as the bytes arrive; registers only after the file is complete, synced and renamed. */
  put(input: PutInput): Promise<ArtifactRecord>;
  /**
   * Streams authenticated plaintext chunks of an artifact. Call only after access released a grant.
   * On failure `destination` holds an authentic prefix only; the caller must signal the failure.
   */
  readTo(record: ArtifactRecord, destination: Writable): Promise<DecryptResult>;
  /**
   * Run at start-up, before serving: deletes what a kill -9 during `put` left behind, i.e. temp files
   * and objects renamed into place but never registered (killed between rename and register).
   * Neither was ever readable through the registry.
   */
  sweepInterruptedPuts(): Promise<number>;
}

function withKek<T>(custody: KeyCustody, artifactId: string, use: (kek: KeyEncryptionKey) => Promise<T>): Promise<T> {
  const kek = custody.kekFor(artifactId);
  return use(kek).finally(() => kek.key.fill(0));
}

export function createVaultService(options: VaultServiceOptions): VaultService {
  const { custody, registry, audit } = options;
  const clock = options.clock ?? systemClock;
  const objectsDir = join(options.home, OBJECTS_DIR);

  async function put(input: PutInput): Promise<ArtifactRecord> {
    assertArtifactName(input.name);
    assertArtifactLabel(input.label);
    if (!Number.isSafeInteger(input.plaintextSize) || input.plaintextSize < 0) {
      throw new BulwarkError('VAULT_INVALID_ARGUMENT', 'The plaintext size must be a non-negative integer.');
    }
    if ((await registry.findByName(input.name)) !== null) {
      throw new BulwarkError('VAULT_ARTIFACT_EXISTS', `An artifact named ${input.name} is already registered.`);
    }
    const id = newId('art', clock.now());
    const relative = `${OBJECTS_DIR}/${id}.bwv`;
    const target = join(options.home, relative);
    await mkdir(objectsDir, { recursive: true, mode: 0o700 });
    const result = await withKek(custody, id, async (kek) => {
      const temp = await createTempFile(target);
      try {
        const encrypted = await encryptArtifact({
          source: input.source,
          destination: temp.handle,
          artifactId: id,
          kek,
          plaintextSize: input.plaintextSize,
          ...(input.onProgress ? { onProgress: (p: { plaintextBytes: number }) => input.onProgress?.(p.plaintextBytes) } : {}),
        });
        await commitTempFile(temp, target);
        return encrypted;
      } catch (error) {
        await discardTempFile(temp);
        throw error;
      }
    });
    const record: ArtifactRecord = {
      id,
      name: input.name,
      label: input.label,
      sha256: result.sha256,
      size: input.plaintextSize,
      path: relative,
      keyId: result.header.keyId,
      createdBy: input.actor,
      createdAt: clock.now(),
    };
    // check → audit → apply: the put is in the log before it is registered; a failure after the
    // rename removes the file so no unregistered, unaudited object lingers.
    try {
      await recordOrRefuse(audit, {
        type: 'vault.put',
        actor: input.actor,
        subject: id,
        time: record.createdAt,
        details: { name: record.name, label: record.label, sha256: record.sha256, size: record.size, keyId: record.keyId },
      });
      await registry.register(record);
    } catch (error) {
      await unlink(target).catch(() => undefined);
      throw error;
    }
    return record;
  }

  return Object.freeze({
    put,
    readTo: (record: ArtifactRecord, destination: Writable) =>
      withKek(custody, record.id, (kek) =>
        decryptToStream(join(options.home, record.path), destination, kek, {
          expectedArtifactId: record.id,
          expectedPlaintextSha256: record.sha256,
        }),
      ),
    sweepInterruptedPuts: async () => {
      let names: string[];
      try {
        names = await readdir(objectsDir);
      } catch {
        return 0;
      }
      const registered = new Set((await registry.list()).map((record) => record.path));
      const stale = names.filter((name) => name.includes('.tmp-') || (name.endsWith('.bwv') && !registered.has(`${OBJECTS_DIR}/${name}`)));
      await Promise.all(stale.map((name) => unlink(join(objectsDir, name)).catch(() => undefined)));
      return stale.length;
    },
  });
}
