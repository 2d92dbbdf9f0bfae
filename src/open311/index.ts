export { createOpen311, OPEN311_BASE, OPEN311_ROOT, type Open311Options } from './routes.js';
export { createKey, listKeys, revokeKey, type Open311Key } from './keys.js';
