/**
 * npm run open311:key -- --name NAME [--street ID]...        makes an Open311 API key, printed once
 * npm run open311:key -- --revoke ID                          revokes one
 * npm run open311:key -- --list                               lists them (never the keys themselves)
 *
 * For a partner system (a city's 12345 platform, a patrol app) that files reports through
 * /open311/v2/requests. --street limits the key to the streets given (ids of config/communities.yaml);
 * without it the key may file into every street. Only the key's SHA-256 is stored: the key is shown
 * here once and cannot be read again. Making and revoking are in the audit log, as from the console.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { createKey, listKeys, revokeKey } from '../open311/index.js';
import { runCli } from './run-cli.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, street: { type: 'string', multiple: true }, revoke: { type: 'string' }, list: { type: 'boolean' } },
    strict: true,
  });
  if (!values.name && !values.revoke && !values.list) {
    console.error('usage: npm run open311:key -- --name NAME [--street ID]... | --revoke ID | --list');
    return 1;
  }
  const config = loadConfig();
  const database = await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    await database.migrate();
    const by = { staffId: null, now: new Date() };
    if (values.list) {
      for (const k of await listKeys(database.db))
        console.log(`#${k.id}\t${k.name}\t${k.streetIds?.join(',') ?? '*'}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live'}`);
      return 0;
    }
    if (values.revoke) {
      if (!/^\d{1,9}$/.test(values.revoke)) {
        console.error('--revoke takes the key number (see --list)');
        return 1;
      }
      const k = await revokeKey(database.db, Number(values.revoke), by);
      console.log(`revoked Open311 key #${k.id} (${k.name})`);
      return 0;
    }
    const { key, row } = await createKey(database.db, { name: values.name!, ...(values.street?.length ? { streetIds: values.street } : {}) }, by);
    console.log(`Open311 key #${row.id} for ${row.name}${row.streetIds ? ` (streets: ${row.streetIds.join(', ')})` : ''}.`);
    console.log('Give it to the partner now: it is shown only this once.');
    console.log(key);
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main);
