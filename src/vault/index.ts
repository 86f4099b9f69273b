export * from './custody/index.js';
export {
  ARTIFACT_LABEL_PATTERN,
  ARTIFACT_NAME_PATTERN,
  OBJECTS_DIR,
  assertArtifactLabel,
  assertArtifactName,
  createArtifactRegistry,
  type ArtifactRecord,
  type ArtifactRegistry,
} from './registry.js';
export { createVaultService, type PutInput, type VaultService, type VaultServiceOptions } from './vault-service.js';
