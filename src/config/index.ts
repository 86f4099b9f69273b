export * from './config-schema.js';
export * from './defaults.js';
export * from './judge-schema.js';
export * from './load.js';
export * from './paths.js';
export * from './policy-schema.js';
export * from './regex-safety.js';
