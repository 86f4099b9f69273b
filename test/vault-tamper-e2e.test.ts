import { copyFileSync, existsSync, openSync, closeSync, readSync, truncateSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithService } from '../src/store/testing/service-gate.js';
import { readArtifactHeader } from '../src/vault/format/index.js';
import { TAG_BYTES } from '../src/vault/format/keys.js';
import { CliDeployment } from './kit/cli-deployment.js';
import {
  approvedGrant,
  bootstrap,
  expectFailure,
  objectPathOf,
  postgresDeployment,
  putRandomFile,
  sqliteEditor,
  tempFilesIn,
  type DatabaseEditor,
  retire,
} from './kit/vault-flow.js';

/*
 * Issue 4 acceptance, "tampering is caught", through the built CLI against a spawned `bulwark serve`:
 * edits to a stored artifact make `vault get` fail with VAULT_INTEGRITY and leave no output file;
 * edits to audit rows make `audit verify` fail naming the first bad entry.
 */

const ARTIFACT_MIB = 6;

function readBytes(file: string, offset: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const out = Buffer.alloc(length);
    expect(readSync(fd, out, 0, length, offset)).toBe(length);
    return out;
  } finally {
    closeSync(fd);
  }
}

function writeBytes(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function flipByte(file: string, offset: number): void {
  const [byte] = readBytes(file, offset, 1);
  writeBytes(file, offset, Buffer.from([byte! ^ 0x01]));
}

interface Layout {
  readonly headerSize: number;
  readonly sealedChunk: number;
  /** Offset of the header field, for the header edits below. */
  readonly shaOffset: number;
}

async function layoutOf(object: string): Promise<Layout> {
  const header = await readArtifactHeader(object);
  return { headerSize: header.headerSize, sealedChunk: header.chunkSize + TAG_BYTES, shaOffset: 33 + header.artifactId.length + header.keyId.length };
}

/** Each edit is applied to the stored object of `weights`; `other` is a second artifact of the same shape. */
const ARTIFACT_EDITS: readonly { name: string; apply: (object: string, other: string, l: Layout) => void }[] = [
  { name: 'a flipped ciphertext byte in chunk 3', apply: (o, _, l) => flipByte(o, l.headerSize + 3 * l.sealedChunk + 17) },
  { name: 'a flipped tag byte of the final chunk', apply: (o, _, l) => flipByte(o, l.headerSize + ARTIFACT_MIB * l.sealedChunk - 1) },
  { name: 'truncation mid-chunk', apply: (o, _, l) => truncateSync(o, l.headerSize + 2 * l.sealedChunk + 1000) },
  { name: 'truncation at a chunk boundary', apply: (o, _, l) => truncateSync(o, l.headerSize + 4 * l.sealedChunk) },
  { name: 'chunk 2 swapped in from another artifact', apply: (o, other, l) => writeBytes(o, l.headerSize + 2 * l.sealedChunk, readBytes(other, l.headerSize + 2 * l.sealedChunk, l.sealedChunk)) },
  { name: 'chunks 1 and 2 swapped', apply: (o, _, l) => {
    const [one, two] = [1, 2].map((i) => readBytes(o, l.headerSize + i * l.sealedChunk, l.sealedChunk)) as [Buffer, Buffer];
    writeBytes(o, l.headerSize + l.sealedChunk, two);
    writeBytes(o, l.headerSize + 2 * l.sealedChunk, one);
  } },
  { name: 'a header edit in the nonce prefix', apply: (o) => flipByte(o, 24) },
  { name: 'a header edit in the plaintext size', apply: (o) => flipByte(o, 23) },
  { name: 'a header edit in the plaintext SHA-256', apply: (o, _, l) => flipByte(o, l.shaOffset) },
  { name: 'the header of another artifact', apply: (o, other, l) => writeBytes(o, 0, readBytes(other, 0, l.headerSize)) },
];

async function checkArtifactTampering(d: CliDeployment): Promise<void> {
  const original = await putRandomFile(d, 'weights', ARTIFACT_MIB);
  await putRandomFile(d, 'other', ARTIFACT_MIB);
  const [object, other] = [await objectPathOf(d, 'weights'), await objectPathOf(d, 'other')];
  const layout = await layoutOf(object);
  const pristine = `${object}.pristine`;
  copyFileSync(object, pristine);
  const grant = await approvedGrant(d, 'weights');
  const out = d.file('out.bin');
  for (const edit of ARTIFACT_EDITS) {
    edit.apply(object, other, layout);
    const res = await d.as('requester', 'vault', 'get', 'weights', '--grant', grant, '--out', out);
    expectFailure(res, 'VAULT_INTEGRITY');
    expect(existsSync(out), edit.name).toBe(false);
    expect(tempFilesIn(d.home), edit.name).toEqual([]);
    copyFileSync(pristine, object);
  }
  // The same grant on the restored object works: every failure above came from the edit.
  const good = await d.as('requester', 'vault', 'get', 'weights', '--grant', grant, '--out', out);
  expect(good.code, good.stderr).toBe(0);
  expect(readBytes(out, 0, ARTIFACT_MIB * 2 ** 20).equals(readBytes(original, 0, ARTIFACT_MIB * 2 ** 20))).toBe(true);
}

interface Row {
  idx: number | string;
  leaf_hash: string;
  data: string;
}

/** Edits rows, runs `audit verify`, puts the rows back exactly, and checks the log verifies again. */
async function checkAuditTampering(d: CliDeployment, db: DatabaseEditor): Promise<void> {
  const [target] = await db.query<{ idx: number | string }>(`SELECT idx FROM audit_entries WHERE data LIKE '%"type":"access.approve"%' ORDER BY idx LIMIT 1`);
  const k = Number(target!.idx);
  const saved = await db.query<Row>(`SELECT idx, leaf_hash, data FROM audit_entries WHERE idx IN (${k}, ${k + 1}) ORDER BY idx`);
  expect(saved).toHaveLength(2);
  const restore = async (): Promise<void> => {
    await db.query(`DELETE FROM audit_entries WHERE idx IN (${k}, ${k + 1}, 1000000)`);
    for (const row of saved) {
      await db.query(`INSERT INTO audit_entries (idx, leaf_hash, data) VALUES (${Number(row.idx)}, '${row.leaf_hash}', '${row.data.replaceAll("'", "''")}')`);
    }
  };
  const cases: readonly { reason: string; edit: string[] }[] = [
    { reason: 'edited', edit: [`UPDATE audit_entries SET data = replace(data, '"access.approve"', '"access.deny"') WHERE idx = ${k}`] },
    { reason: 'missing', edit: [`DELETE FROM audit_entries WHERE idx = ${k}`] },
    {
      reason: 'reordered',
      edit: [
        `UPDATE audit_entries SET idx = 1000000 WHERE idx = ${k}`,
        `UPDATE audit_entries SET idx = ${k} WHERE idx = ${k + 1}`,
        `UPDATE audit_entries SET idx = ${k + 1} WHERE idx = 1000000`,
      ],
    },
  ];
  for (const { reason, edit } of cases) {
    for (const statement of edit) await db.query(statement);
    const res = await d.run('audit', 'verify');
    expectFailure(res, 'AUDIT_CHAIN_BROKEN');
    expect(res.stderr).toContain(`first bad entry ${k} (${reason})`);
    await restore();
  }
  const verify = await d.run('audit', 'verify');
  expect(verify.code, verify.stderr).toBe(0);
  expect(verify.stdout).toContain('audit log OK');
}

async function checkAll(d: CliDeployment, db: DatabaseEditor): Promise<void> {
  await bootstrap(d);
  await checkArtifactTampering(d);
  await checkAuditTampering(d, db);
}

describe('tampering is caught through the CLI (SQLite)', () => {
  const d = new CliDeployment({ prefix: 'bulwark-vault-tamper-' });
  beforeAll(() => d.start(), 180_000);
  afterAll(() => retire(d));

  it('artifact edits fail with VAULT_INTEGRITY and no output; audit row edits are named by audit verify', async () => {
    const db = sqliteEditor(d);
    try {
      await checkAll(d, db);
    } finally {
      await db.close();
    }
  }, 300_000);
});

const pg = await postgresDeployment('vault_tamper', 'bulwark-vault-tamper-pg-');
describeWithService('tampering is caught through the CLI (PostgreSQL)', 'PostgreSQL', pg.probe, process.env.CI === 'true', () => {
  beforeAll(() => pg.deployment.start(), 180_000);
  afterAll(async () => {
    await retire(pg.deployment);
    await pg.dropSchema();
  });

  it('artifact edits fail with VAULT_INTEGRITY and no output; audit row edits are named by audit verify', async () => {
    await checkAll(pg.deployment, pg.editor());
  }, 300_000);
});
