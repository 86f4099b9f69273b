import type { Command } from 'commander';
import { startServer } from '../../server/start.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the guard API, gateway, vault and control plane on one port (and the egress proxy on its own when egress.enabled)')
    .option('--config <file>', 'config YAML merged over the defaults (env BULWARK_CONFIG)')
    .option('--policy <file>', 'policy YAML replacing the shipped one (env BULWARK_POLICY)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME, default ./.bulwark)')
    .option('--port <port>', 'listen port (env BULWARK_PORT, default 8720)')
    .option('--unsafe-allow-fast-exfiltration', 'with egress.enabled: start even if the planner says weights could leave too fast')
    .action(async (flags: CommonFlags & { unsafeAllowFastExfiltration?: boolean }) => {
      const options = loadOptionsFrom(flags);
      if (flags.unsafeAllowFastExfiltration === true) options.overrides = { ...options.overrides, egress: { ...options.overrides?.egress, unsafeAllowFastExfiltration: true } };
      const server = await startServer(options);
      const { config, paths } = server.loaded;
      const lines = [
        `bulwark listening on ${server.url}`,
        config.guard.policySource === 'store'
          ? `  policy ${server.guard.policyId} (mode ${server.guard.policy.mode}), following the store's releases (guard.policySource: store)`
          : `  policy ${paths.policyFile} (mode ${server.guard.policy.mode})`,
        `  model  ${paths.modelFile}`,
        `  data   ${config.storage.driver === 'sqlite' ? config.storage.sqlite.path : 'postgresql'}`,
        config.auth.required
          ? '  auth   API keys required'
          : '  auth   anonymous access allowed on loopback only (set auth.required: true to require keys)',
        server.egress
          ? `  egress proxy on ${server.egress.proxy.url} (${server.egress.sharedLedger ? 'shared Redis ledger' : 'local ledger'}), status on ${server.egress.admin.url}/status`
          : '  egress proxy off (egress.enabled: false)',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Rapid response: `kill -HUP` puts an edited policy file (or a new release in the store) in force
      // now (the watcher would within guard.policyWatchIntervalMs); the outcome is logged either way.
      process.on('SIGHUP', () => void server.reloadPolicy('signal'));
    });
}
