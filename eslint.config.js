// Typed lint plus the import boundaries from DESIGN.md:
// core ← config ← store ← audit ← {guard, vault, access, egress, allowlist} ← {gateway, controls} ← server ← cli
import tseslint from 'typescript-eslint';

const LAYERS = {
  core: [],
  config: ['core'],
  store: ['core', 'config'],
  audit: ['core', 'config', 'store'],
  guard: ['core', 'config', 'store', 'audit'],
  vault: ['core', 'config', 'store', 'audit'],
  access: ['core', 'config', 'store', 'audit'],
  egress: ['core', 'config', 'store', 'audit'],
  allowlist: ['core', 'config', 'store', 'audit', 'access', 'vault'],
  gateway: ['core', 'config', 'store', 'audit', 'guard'],
  controls: ['core', 'config', 'store', 'audit', 'guard', 'vault', 'access', 'egress', 'allowlist'],
};
const ALL = [...Object.keys(LAYERS), 'server', 'cli'];

const boundaryConfigs = Object.entries(LAYERS).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  // Tests and their helpers may read the environment (service URLs) and import across layers.
  ignores: ['**/*.test.ts', '**/testing/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: ALL.filter((other) => other !== layer && !allowed.includes(other)).map((other) => ({
          group: [`**/${other}/*`, `**/${other}/**`, `../${other}`, `../../${other}`],
          message: `src/${layer} may not import src/${other} (see DESIGN.md: imports flow one way).`,
        })),
      },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'process', property: 'env', message: 'Only server/ and cli/ read process.env; pass values in.' },
      { object: 'process', property: 'exit', message: 'Domain code never exits the process; throw a BulwarkError.' },
    ],
    'no-console': 'error',
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/generators/**', 'console/**', 'bin/**', '*.config.*', 'eslint.config.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [] }] },
  },
  ...boundaryConfigs,
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
