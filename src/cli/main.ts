import { Command, CommanderError } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { registerAccess } from './commands/access.js';
import { registerAllowlist } from './commands/allowlist.js';
import { registerAudit } from './commands/audit.js';
import { registerDecisions } from './commands/decisions.js';
import { registerEgress } from './commands/egress.js';
import { registerEval } from './commands/eval.js';
import { registerExec } from './commands/exec.js';
import { registerExemptions } from './commands/exemptions.js';
import { registerIdentity } from './commands/identity.js';
import { registerKeys } from './commands/keys.js';
import { registerPolicy } from './commands/policy.js';
import { registerReview } from './commands/review.js';
import { registerServe } from './commands/serve.js';
import { registerTrain } from './commands/train.js';
import { registerUsers } from './commands/users.js';
import { registerVault } from './commands/vault.js';
import { reportFailure, wantsJson } from './output.js';

const program = new Command('bulwark')
  .description('Bulwark: ASL-3-style AI safeguards (CBRN guard, gateway, weights vault, egress controls)')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  .showHelpAfterError(false);

registerServe(program);
registerKeys(program);
registerDecisions(program);
registerEval(program);
registerTrain(program);
registerPolicy(program);
registerAudit(program);
registerExemptions(program);
registerReview(program);
registerEgress(program);
registerIdentity(program);
registerVault(program);
registerAccess(program);
registerUsers(program);
registerAllowlist(program);
registerExec(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) process.exit(0);
    // Commander already printed its one-line reason.
    process.exit(2);
  }
  process.exit(reportFailure(error, wantsJson(process.argv)));
}

export { BulwarkError };
