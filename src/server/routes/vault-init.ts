import { MIN_ADMINS, publicKeyFromPem, type AccessUser, type BootstrapUser } from '../../access/index.js';
import { BulwarkError } from '../../core/errors.js';

/** Admin keys arrive as SPKI PEM (the `.pub` files) or raw base64; both become raw base64 here. */
export function readAdmins(admins: readonly { name: string; publicKey: string }[]): BootstrapUser[] {
  if (admins.length < MIN_ADMINS) {
    throw new BulwarkError('ACCESS_POLICY_UNSATISFIED', `Name at least ${MIN_ADMINS} admins: every later users change needs a second admin.`);
  }
  return admins.map((admin) => ({
    name: admin.name,
    publicKey: admin.publicKey.includes('BEGIN') ? publicKeyFromPem(admin.publicKey).publicKey : admin.publicKey,
    roles: ['admin'],
  }));
}

export function sameKeySet(existing: readonly AccessUser[], admins: readonly BootstrapUser[]): boolean {
  const have = new Set(existing.map((user) => user.publicKey));
  return existing.length === admins.length && admins.every((admin) => have.has(admin.publicKey));
}
