import type { Command } from 'commander';
import { startServer } from '../../server/start.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the guard API (and, as they land, gateway, vault, egress) on one port')
    .option('--config <file>', 'config YAML merged over the defaults (env BULWARK_CONFIG)')
    .option('--policy <file>', 'policy YAML replacing the shipped one (env BULWARK_POLICY)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME, default ./.bulwark)')
    .option('--port <port>', 'listen port (env BULWARK_PORT, default 8720)')
    .action(async (flags: CommonFlags) => {
      const server = await startServer(loadOptionsFrom(flags));
      const { config, paths } = server.loaded;
      const lines = [
        `bulwark listening on ${server.url}`,
        `  policy ${paths.policyFile} (mode ${server.loaded.policy.mode})`,
        `  model  ${paths.modelFile}`,
        `  data   ${config.storage.driver === 'sqlite' ? config.storage.sqlite.path : 'postgresql'}`,
        config.auth.required
          ? '  auth   API keys required'
          : '  auth   anonymous access allowed on loopback only (set auth.required: true to require keys)',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
