import { realpath, stat } from 'node:fs/promises';
import { BulwarkError } from '../core/errors.js';
import type { EntrySpec } from './changes.js';
import { hashFile } from './identity.js';

/** What `bulwark allowlist add FILE --name N` signs: the file's real path, size and streamed SHA-256. */
export async function entrySpecForFile(
  file: string,
  meta: { readonly name: string; readonly owner: string; readonly pathPattern?: string | null; readonly signer?: string | null },
): Promise<EntrySpec> {
  const path = await realpath(file).catch((error: unknown) => {
    throw new BulwarkError('ALLOWLIST_PROGRAM_NOT_FOUND', `Cannot find or read ${file} as a regular file.`, { cause: error });
  });
  if (!(await stat(path)).isFile()) throw new BulwarkError('ALLOWLIST_PROGRAM_NOT_FOUND', `Cannot find or read ${file} as a regular file.`);
  const { sha256, size } = await hashFile(path);
  return { kind: 'file', sha256, name: meta.name, owner: meta.owner, pathPattern: meta.pathPattern ?? null, signer: meta.signer ?? null, path, size };
}
