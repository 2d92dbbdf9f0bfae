/** runs one SQL text and gives its rows, whichever driver sits behind it */
export type QueryRows = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Rows of every table in the public schema and drizzle's migrations, by table name (public tables
 * by their bare name). Run inside the snapshot being dumped, they are what a restore must find.
 */
export async function rowCounts(query: QueryRows): Promise<Record<string, number>> {
  const tables = await query(
    `select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const out: Record<string, number> = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [row] = await query(`select count(*)::int as n from "${s.replaceAll('"', '""')}"."${t.replaceAll('"', '""')}"`);
    out[s === 'public' ? t : `${s}.${t}`] = Number(row?.n ?? 0);
  }
  return out;
}
