import type { Command } from 'commander';
import { loadConfig, loadPolicyFile } from '../../config/load.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('inspect and validate policy files');
  policy
    .command('check <file>')
    .description('validate a policy file; lists every problem')
    .option('--json', 'print JSON')
    .action((file: string, flags: { json?: boolean }) => {
      const loaded = loadPolicyFile(file);
      const summary = {
        name: loaded.name,
        version: loaded.version,
        mode: loaded.mode,
        harmful: Object.keys(loaded.categories.harmful),
        rules: loaded.rules.length,
      };
      emit(flags.json === true, { ok: true, ...summary }, () => `ok: ${summary.name}@${summary.version} (${summary.mode}), ${summary.harmful.length} harmful categories, ${summary.rules} rules`);
    });
  program
    .command('config')
    .description('print the effective configuration (defaults, file, env and flags merged)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--policy <file>', 'policy YAML (env BULWARK_POLICY)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--port <port>', 'listen port (env BULWARK_PORT)')
    .action((flags: CommonFlags) => {
      const loaded = loadConfig(loadOptionsFrom(flags));
      emit(true, { config: loaded.config, paths: loaded.paths }, () => '');
    });
}
