import postgres from 'postgres';
import { Redis } from 'ioredis';
import { ensureTemplate } from './pg-template.js';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL } from './servers.js';

/**
 * Real-server tests are never skipped: when PostgreSQL or Redis is not reachable the run fails
 * here, naming the server and how to start it. Then the migrated template the test databases are
 * cloned from is built, unless this version of migrations/ already has one.
 */
export default async function setup() {
  const sql = postgres(TEST_PG_ADMIN_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_PG_ADMIN_URL} (${String(e)}). Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
  } finally {
    await sql.end({ timeout: 1 });
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${String(e)}). Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`);
  } finally {
    redis.disconnect();
  }
  await ensureTemplate();
}
