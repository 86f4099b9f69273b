export { ARTIFACT_FORMAT_VERSION, ARTIFACT_MAGIC, decodeArtifact, encodeArtifact, type ModelWeights } from './artifact.js';
export { decodeModel, loadModelFile, type BuiltinModel } from './classifier.js';
export { DEFAULT_FEATURE_CONFIG, Featurizer, type FeatureConfig, type Features } from './featurize.js';
export type { Hyperparameters } from './fit.js';
export type { CategoryMetrics } from './thresholds.js';
export {
  DEFAULT_HYPERPARAMETERS,
  DEFAULT_VAL_TARGET_FPR,
  DEFAULT_VECTOR_DIMS,
  DEFAULT_VOCABULARY_SIZE,
  MODEL_NAME,
  trainModel,
  type TrainOptions,
  type TrainProgress,
  type TrainReport,
} from './train.js';
export { BENIGN_LABEL, readTrainingDir, type TrainingRow } from './training-data.js';
export { VECTORS_PACKAGE, loadWinkVectors, reduceAndQuantize, resolveVectorsPath, type Embeddings } from './vectors.js';
