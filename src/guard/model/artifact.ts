import { BulwarkError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import { denseSize, type FeatureConfig } from './featurize.js';
import type { Embeddings } from './vectors.js';

/**
 * Artifact layout (all integers and floats little-endian):
 *   0   8 bytes  magic "BWKGUARD"
 *   8   u32      format version (ARTIFACT_FORMAT_VERSION)
 *   12  u32      header length H
 *   16  H bytes  header, UTF-8 JSON (ArtifactHeader), zero-padded to a multiple of 8
 *   ..  sections in header order, each zero-padded to a multiple of 8
 *   end 32 bytes SHA-256 of every byte before it
 * The file carries no timestamps or host data, so the same training run gives the same bytes.
 */
export const ARTIFACT_MAGIC = 'BWKGUARD';
export const ARTIFACT_FORMAT_VERSION = 1;
const DIGEST_BYTES = 32;

/** Weights of the per-category heads: hashed linear part plus a one-hidden-layer MLP on vectors. */
export interface ModelWeights {
  readonly name: string;
  readonly categories: readonly string[];
  readonly config: FeatureConfig;
  readonly embeddings: Embeddings;
  readonly hidden: number;
  /** buckets x categories */
  readonly sparse: Float32Array;
  /** hidden x denseSize */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  /** categories x hidden */
  readonly w2: Float32Array;
  readonly bias: Float32Array;
  /** config.maxPool x dims word-detector directions; empty when the config has none. */
  readonly proj: Float32Array;
  /** Free-form facts about the training run (seed, row counts); no timestamps. */
  readonly training: Readonly<Record<string, unknown>>;
}

type SectionName = 'vocab' | 'vectors' | 'sparse' | 'w1' | 'b1' | 'w2' | 'bias' | 'proj';
interface SectionEntry {
  readonly name: SectionName;
  readonly bytes: number;
}
interface ArtifactHeader {
  readonly name: string;
  readonly categories: readonly string[];
  readonly config: FeatureConfig;
  readonly dims: number;
  readonly words: number;
  readonly vectorScale: number;
  readonly hidden: number;
  readonly training: Readonly<Record<string, unknown>>;
  readonly sections: readonly SectionEntry[];
}

const pad8 = (n: number): number => (n + 7) & ~7;

function floatBytes(values: Float32Array): Uint8Array {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i += 1) out.writeFloatLE(values[i]!, i * 4);
  return out;
}

export function encodeArtifact(model: ModelWeights): Uint8Array {
  const sections: [SectionName, Uint8Array][] = [
    ['vocab', Buffer.from(model.embeddings.words.join('\n'), 'utf8')],
    ['vectors', new Uint8Array(model.embeddings.vectors.buffer, model.embeddings.vectors.byteOffset, model.embeddings.vectors.length)],
    ['sparse', floatBytes(model.sparse)],
    ['w1', floatBytes(model.w1)],
    ['b1', floatBytes(model.b1)],
    ['w2', floatBytes(model.w2)],
    ['bias', floatBytes(model.bias)],
  ];
  if (model.proj.length > 0) sections.push(['proj', floatBytes(model.proj)]);
  const header: ArtifactHeader = {
    name: model.name,
    categories: model.categories,
    config: model.config,
    dims: model.embeddings.dims,
    words: model.embeddings.words.length,
    vectorScale: model.embeddings.scale,
    hidden: model.hidden,
    training: model.training,
    sections: sections.map(([name, bytes]) => ({ name, bytes: bytes.length })),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const total = 16 + pad8(headerBytes.length) + sections.reduce((n, [, b]) => n + pad8(b.length), 0);
  const out = Buffer.alloc(total + DIGEST_BYTES);
  out.write(ARTIFACT_MAGIC, 0, 'latin1');
  out.writeUInt32LE(ARTIFACT_FORMAT_VERSION, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  headerBytes.copy(out, 16);
  let offset = 16 + pad8(headerBytes.length);
  for (const [, bytes] of sections) {
    out.set(bytes, offset);
    offset += pad8(bytes.length);
  }
  out.set(Buffer.from(sha256Hex(out.subarray(0, total)), 'hex'), total);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const invalid = (why: string): BulwarkError => new BulwarkError('GUARD_MODEL_INVALID', `The classifier artifact is invalid: ${why}.`);

/** Parses and verifies an artifact. Input may be any file: every length is checked before use. */
export function decodeArtifact(bytes: Uint8Array): ModelWeights {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.length < 16 + DIGEST_BYTES || buf.toString('latin1', 0, 8) !== ARTIFACT_MAGIC) throw invalid('not a Bulwark guard model');
  if (buf.readUInt32LE(8) !== ARTIFACT_FORMAT_VERSION) throw invalid(`unsupported format version ${buf.readUInt32LE(8)}`);
  const body = buf.length - DIGEST_BYTES;
  if (sha256Hex(buf.subarray(0, body)) !== buf.subarray(body).toString('hex')) throw invalid('checksum mismatch (corrupt or truncated)');
  const headerLength = buf.readUInt32LE(12);
  if (16 + headerLength > body) throw invalid('header overruns the file');
  const header = parseHeader(buf.toString('utf8', 16, 16 + headerLength));
  const raw = new Map<SectionName, Buffer>();
  let offset = 16 + pad8(headerLength);
  for (const section of header.sections) {
    if (offset + section.bytes > body) throw invalid(`section ${section.name} overruns the file`);
    raw.set(section.name, buf.subarray(offset, offset + section.bytes));
    offset += pad8(section.bytes);
  }
  return buildWeights(header, raw);
}

function parseHeader(json: string): ArtifactHeader {
  let header: ArtifactHeader;
  try {
    header = JSON.parse(json) as ArtifactHeader;
  } catch {
    throw invalid('header is not JSON');
  }
  const ok =
    typeof header === 'object' && header !== null && typeof header.name === 'string' &&
    Array.isArray(header.categories) && header.categories.every((c) => typeof c === 'string') &&
    Number.isInteger(header.dims) && Number.isInteger(header.words) && Number.isInteger(header.hidden) &&
    typeof header.vectorScale === 'number' && Array.isArray(header.sections) &&
    typeof header.config === 'object' && header.config !== null &&
    Number.isInteger(header.config.hashBits) && header.config.hashBits >= 4 && header.config.hashBits <= 26 &&
    (header.config.maxPool === undefined || (Number.isInteger(header.config.maxPool) && header.config.maxPool >= 0 && header.config.maxPool <= 1024));
  if (!ok) throw invalid('header fields are missing or malformed');
  return header;
}

function buildWeights(header: ArtifactHeader, raw: ReadonlyMap<SectionName, Buffer>): ModelWeights {
  const categories = header.categories.length;
  const maxPool = header.config.maxPool ?? 0;
  const dense = denseSize(header.dims, maxPool);
  const floats = (name: SectionName, expected: number): Float32Array => {
    const bytes = raw.get(name);
    if (bytes?.length !== expected * 4) throw invalid(`section ${name} has the wrong size`);
    const out = new Float32Array(expected);
    for (let i = 0; i < expected; i += 1) out[i] = bytes.readFloatLE(i * 4);
    return out;
  };
  const vocab = raw.get('vocab');
  const vectors = raw.get('vectors');
  const words = vocab === undefined || vocab.length === 0 ? [] : vocab.toString('utf8').split('\n');
  if (words.length !== header.words) throw invalid('vocabulary size does not match the header');
  if (vectors?.length !== header.words * header.dims) throw invalid('section vectors has the wrong size');
  return {
    name: header.name,
    categories: header.categories,
    config: header.config,
    embeddings: { words, dims: header.dims, vectors: new Int8Array(Uint8Array.from(vectors).buffer), scale: header.vectorScale },
    hidden: header.hidden,
    sparse: floats('sparse', (1 << header.config.hashBits) * categories),
    w1: floats('w1', header.hidden * dense),
    b1: floats('b1', header.hidden),
    w2: floats('w2', categories * header.hidden),
    bias: floats('bias', categories),
    proj: maxPool > 0 ? floats('proj', maxPool * header.dims) : new Float32Array(0),
    training: header.training,
  };
}
