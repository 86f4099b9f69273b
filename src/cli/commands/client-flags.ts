import type { Command } from 'commander';
import { loadIdentity, type SigningIdentity } from '../../access/index.js';
import { BulwarkError } from '../../core/errors.js';
import { identityPathOf, serverUrlOf, type ClientFlags } from '../api-client.js';

export interface ClientCommandFlags extends ClientFlags {
  json?: boolean;
}

/** Every client command takes the same server and identity flags. */
export function withClientFlags(command: Command): Command {
  return command
    .option('--server <url>', 'Bulwark server (env BULWARK_SERVER, default http://127.0.0.1:8720)')
    .option('--identity <file>', 'your private key file (env BULWARK_IDENTITY)')
    .option('--json', 'print JSON');
}

export async function clientContext(flags: ClientFlags): Promise<{ base: string; identity: SigningIdentity }> {
  return { base: serverUrlOf(flags), identity: await loadIdentity(identityPathOf(flags)) };
}

const TTL = /^(\d{1,7})([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `1h`, `2d` → seconds. */
export function parseTtlSeconds(value: string): number {
  const match = TTL.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : 0;
  if (seconds < 1) throw new BulwarkError('CLI_USAGE', `a TTL is a positive number with an optional unit s, m, h or d, got "${value}"`);
  return seconds;
}
