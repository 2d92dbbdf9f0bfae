import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMediaPath, type MediaStore } from './media-store.js';
import { storeMediaFile } from './store-media-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * Media under one folder (MEDIA_DIR): the embedded default, where one process is the whole service.
 * A path is looked up only when it resolves, links followed, to a file inside the folder.
 */
export function diskMediaStore(dir: string): MediaStore {
  return {
    kind: 'disk',
    put: (bytes, ext, at) => storeMediaFile(dir, bytes, ext, at),
    putAt: async (p, bytes) => {
      if (!isMediaPath(p)) throw new Error(`unsafe media path: ${p}`);
      const abs = path.join(dir, ...p.split('/'));
      if (!(await stat(abs).catch(() => undefined))) await writeFileAtomically(abs, bytes);
    },
    get: async (p) => {
      const abs = await fileInside(dir, p);
      // gone since fileInside looked is "not there"; any other read error is a failure, not a missing file
      return abs ? readFile(abs).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e))) : undefined;
    },
    has: async (p) => (await fileInside(dir, p)) !== undefined,
  };
}

/** the file p names inside dir, or undefined (none, not a file, or outside dir through a link) */
async function fileInside(dir: string, p: string): Promise<string | undefined> {
  if (!isMediaPath(p)) return undefined;
  try {
    const root = await realpath(dir);
    const abs = await realpath(path.resolve(root, p));
    if (!abs.startsWith(root + path.sep)) return undefined;
    return (await stat(abs)).isFile() ? abs : undefined;
  } catch {
    return undefined;
  }
}
