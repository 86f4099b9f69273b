import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { generateIdentity, loadIdentity, loadPublicKeyFile, writeIdentityFiles } from '../../access/index.js';
import { emit } from '../output.js';

export function registerIdentity(program: Command): void {
  const identity = program.command('identity').description('Ed25519 identities that sign requests and approvals');
  identity
    .command('new')
    .description('write a new private key to FILE (mode 0600) and its public key to FILE.pub')
    .requiredOption('--name <name>', 'who this identity belongs to')
    .requiredOption('--out <file>', 'private key file; the public key goes to FILE.pub')
    .option('--json', 'print JSON')
    .action(async (flags: { name: string; out: string; json?: boolean }) => {
      const created = generateIdentity(flags.name);
      await writeIdentityFiles(flags.out, created);
      emit(flags.json === true, { name: flags.name, keyId: created.keyId, privateKey: flags.out, publicKey: `${flags.out}.pub` }, () =>
        `identity ${flags.name}: key id ${created.keyId.slice(0, 16)}; private key ${flags.out} (keep it), public key ${flags.out}.pub (share it)`,
      );
    });
  identity
    .command('show <file>')
    .description('print the key id and the raw public key (base64) of an identity, from FILE.pub or the private key FILE: the form guard.policySigners takes')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const isPrivate = (await readFile(file, 'utf8').catch(() => '')).includes('PRIVATE KEY');
      const shown = isPrivate ? await loadIdentity(file) : await loadPublicKeyFile(file);
      emit(flags.json === true, { keyId: shown.keyId, publicKey: shown.publicKey }, () => `key id ${shown.keyId}\npublic key ${shown.publicKey}`);
    });
}
