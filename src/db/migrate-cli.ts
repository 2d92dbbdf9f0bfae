import { loadConfig } from '../config/config.js';
import { openDatabase } from './client.js';

/** npm run db:migrate — applies migrations/ to DATABASE_URL, or to the embedded database. */
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
console.log(`migrations applied (${database.kind})`);
await database.close();
