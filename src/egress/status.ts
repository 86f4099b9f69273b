import type { EgressConfig } from './config.js';
import type { BudgetUsage } from './ledger.js';
import { budgetsFor, enclaveBudgets } from './limits.js';

export interface BudgetStatus {
  readonly window: string;
  readonly usedBytes: number;
  readonly limitBytes: number;
  readonly leftBytes: number;
  readonly fraction: number;
  /** The alert fractions already passed in this window (1 = exhausted). */
  readonly alerts: readonly number[];
}

export interface ScopeStatus {
  readonly scope: string;
  readonly uploadBytesPerSecondCap: number;
  readonly budgets: readonly BudgetStatus[];
}

/** Every budget the policy names, for `status`: the enclave first, then each identity. */
export function statusBudgets(config: EgressConfig) {
  return [...enclaveBudgets(config), ...Object.keys(config.identities).flatMap((name) => budgetsFor(config, name).filter((b) => b.scope !== 'enclave'))];
}

export function buildStatus(config: EgressConfig, usage: readonly BudgetUsage[]): ScopeStatus[] {
  const scopes = [{ scope: 'enclave', cap: config.enclave.rate }, ...Object.entries(config.identities).map(([name, e]) => ({ scope: `identity:${name}`, cap: e.rate }))];
  return scopes.map(({ scope, cap }) => ({
    scope,
    uploadBytesPerSecondCap: cap,
    budgets: usage
      .filter((u) => u.budget.scope === scope)
      .map(({ budget, usedBytes }) => {
        const fraction = budget.limitBytes > 0 ? usedBytes / budget.limitBytes : 1;
        return {
          window: budget.window,
          usedBytes,
          limitBytes: budget.limitBytes,
          leftBytes: Math.max(0, budget.limitBytes - usedBytes),
          fraction,
          alerts: [...config.alertAt, 1].filter((f) => fraction >= f),
        };
      }),
  }));
}
