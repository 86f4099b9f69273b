import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { openStore } from '../store/open-store.js';
import { registerAccessContract } from './access.contract.js';

const root = mkdtempSync(join(tmpdir(), 'bulwark-access-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('access on sqlite', () => {
  registerAccessContract({
    dialect: 'sqlite',
    open: () => openStore({ driver: 'sqlite', sqlite: { path: join(root, `run-${(counter += 1)}.db`) } }),
  });
});
