import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded database belongs to one process. The service marks DATA_DIR while it holds it, so
 * that npm run backup and restore refuse instead of opening the same files beside it.
 */
export const lockFile = (dataDir: string) => path.join(dataDir, 'service.pid');

export function holdEmbedded(dataDir: string): () => void {
  const file = lockFile(dataDir);
  writeFileSync(file, String(process.pid));
  return () => {
    if (heldBy(dataDir) === process.pid) rmSync(file, { force: true });
  };
}

/** the live process holding the embedded database under dataDir, if any (a stale mark is ignored) */
export function heldBy(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
