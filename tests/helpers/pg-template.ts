import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { migrationsFolder, openDatabase } from '../../src/db/client.js';
import { TEST_PG_ADMIN_URL } from './servers.js';

/**
 * The migrated template every PostgreSQL test database is cloned from (CREATE DATABASE … TEMPLATE):
 * a clone is one statement, where a fresh database plus migrations was a dozen round trips and
 * the migration's DDL. The template is named by a hash of migrations/, so a changed migration
 * makes a new template, and checkouts with different migrations on one server keep their own.
 * It is built once per run (vitest globalSetup), under an advisory lock: runs started at the same
 * time from other checkouts wait for one build instead of racing it. Nobody connects to a template
 * (connections are turned off on it), since PostgreSQL refuses to clone a database in use.
 */
const LOCK_KEY = 0x6d73775f7470; // 'msw_tp'
/** templates no run has used for this long are dropped (a run marks its template when it starts) */
const UNUSED_DAYS = 7;

function hashOf(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

let name: string | undefined;
/** tpl_<hash of migrations/>, the same in every process of a run */
export function templateName(): string {
  name ??= `tpl_msw_${hashOf(migrationsFolder)}`;
  return name;
}

export function databaseUrl(database: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the template when it does not exist yet; returns its name. Safe to call from any process at any time. */
export async function ensureTemplate(): Promise<string> {
  const tpl = templateName();
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const exists = async () => (await admin`select 1 from pg_database where datname = ${tpl}`).length > 0;
    if (!(await exists())) {
      await admin`select pg_advisory_lock(${LOCK_KEY})`;
      try {
        if (!(await exists())) {
          // only the holder of the lock builds, so a half-built one is left over from a killed run
          const building = `${tpl}_new`;
          await admin.unsafe(`drop database if exists ${building} with (force)`);
          await admin.unsafe(`create database ${building}`);
          const database = await openDatabase({ url: databaseUrl(building), dataDir: 'memory://' });
          try {
            await database.migrate();
          } finally {
            await database.close();
          }
          // the migration's connections may take a moment to go away
          for (let i = 0; ; i++) {
            try {
              await admin.unsafe(`alter database ${building} rename to ${tpl}`);
              break;
            } catch (e) {
              if (i >= 50) throw e;
              await sleep(100);
            }
          }
          await admin.unsafe(`alter database ${tpl} with is_template true allow_connections false`);
        }
      } finally {
        await admin`select pg_advisory_unlock(${LOCK_KEY})`;
      }
    }
    await admin.unsafe(`comment on database ${tpl} is '${new Date().toISOString()}'`);
    await dropUnusedTemplates(admin, tpl);
    return tpl;
  } finally {
    await admin.end({ timeout: 2 });
  }
}

/** templates of migrations nobody has run for a week (other branches' old ones) */
async function dropUnusedTemplates(admin: postgres.Sql, keep: string): Promise<void> {
  const old = await admin<{ datname: string }[]>`
    select d.datname from pg_database d left join pg_shdescription s on s.objoid = d.oid and s.classoid = 'pg_database'::regclass
    where d.datname like 'tpl\\_msw\\_%' and d.datname <> ${keep} and d.datistemplate
      and case when s.description ~ '^\\d{4}-' then s.description::timestamptz end < now() - make_interval(days => ${UNUSED_DAYS})`;
  for (const { datname } of old) {
    await admin.unsafe(`alter database ${datname} is_template false`).catch(() => {});
    await admin.unsafe(`drop database if exists ${datname}`).catch(() => {});
  }
}

/** a fresh database name (the time in it tells a leftover of a killed run from a live one) */
export const freshName = (): string => `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/**
 * A new database cloned from the template (built first if this process finds none, e.g. a
 * migration changed while the run was going). Returns its URL and how to drop it.
 */
export async function cloneTemplate(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = freshName();
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${templateName()}`);
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        // 3D000: no template yet; 55006: the template is being touched (only while it is built)
        if (attempt < 3 && code === '3D000') await ensureTemplate();
        else if (attempt < 20 && code === '55006') await sleep(100);
        else throw e;
      }
    }
  } finally {
    await admin.end({ timeout: 1 });
  }
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const a = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await a.end({ timeout: 1 });
    },
  };
}
