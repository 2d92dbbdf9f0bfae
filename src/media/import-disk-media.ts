import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStore } from './media-store.js';

/**
 * Every file under dir as a media path (forward slashes), in a stable order; the temporary files of
 * an unfinished write (<name>.<uuid>.tmp) are not media. None when dir does not exist.
 */
export async function diskMediaPaths(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  await walk(dir);
  return out;
}

/**
 * npm run media:import: the files a MEDIA_DIR holds from before media moved into PostgreSQL, copied
 * into the store under the same paths (the rows that point at them do not change). A path the store
 * holds already is left as it is, so running it again, or on every host, is harmless.
 */
export async function importDiskMedia(dir: string, store: MediaStore): Promise<{ imported: number; present: number }> {
  let imported = 0;
  let present = 0;
  for (const p of await diskMediaPaths(dir)) {
    if (await store.has(p)) {
      present += 1;
      continue;
    }
    await store.putAt(p, await readFile(path.join(dir, ...p.split('/'))));
    imported += 1;
  }
  return { imported, present };
}
