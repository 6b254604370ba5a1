import { rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

/** Writes via a temporary file and a rename, so a killed run never leaves half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
