import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { policySchema } from './policy-schema.js';

/**
 * JSON Schemas for editors, generated from the zod schemas that validate at start-up, so the two can
 * never disagree. `io: 'input'` describes what a person writes (defaults make fields optional).
 */
export function generateJsonSchemas(): { config: object; policy: object } {
  return {
    config: { title: 'Bulwark configuration', ...z.toJSONSchema(configSchema, { io: 'input' }) },
    policy: { title: 'Bulwark policy', ...z.toJSONSchema(policySchema, { io: 'input' }) },
  };
}

export const JSON_SCHEMA_FILES = { config: 'schemas/config.schema.json', policy: 'policy/policy.schema.json' } as const;
