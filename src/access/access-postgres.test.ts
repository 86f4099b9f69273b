import { openStore } from '../store/open-store.js';
import { createTestSchemas, probePostgres, testPostgresUrl } from '../store/testing/postgres-test-db.js';
import { describeWithService } from '../store/testing/service-gate.js';
import { registerAccessContract } from './access.contract.js';

const url = testPostgresUrl();
const schemas = createTestSchemas(url, 'access');
const probe = await probePostgres(url);

describeWithService(`access on postgres (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  registerAccessContract({
    dialect: 'postgres',
    open: () => openStore({ driver: 'postgres', postgres: { url, schema: schemas.fresh(), poolSize: 8 } }),
    cleanup: schemas.dropAll,
  });
});
