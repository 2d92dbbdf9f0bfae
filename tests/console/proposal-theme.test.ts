import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProposalThemes } from '../../src/civic/proposal-themes.js';
import { ConfigError } from '../../src/config/env.js';
import { auditLog, cases } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** 主题分类: staff set a proposal's theme from the account's list; audited; other kinds take none */
describe('a proposal theme', () => {
  let h: ConsoleHarness;
  let c: Client;

  beforeAll(async () => {
    h = await startConsole();
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    c = await h.login('nt');
  });
  afterAll(() => h.close());

  it("shows none and the account's list (Xi'an's ten by default), then sets, changes and clears it with an audit row each", async () => {
    const id = await h.proposal({ communityId: 'nantoucheng' });
    const first = await c.get(`/api/console/cases/${id}/theme`);
    expect(first.status).toBe(200);
    expect(first.json.theme).toBeNull();
    expect(first.json.themes.map((t: { name: string }) => t.name)).toEqual(['垃圾分类', '敬老孝亲', '助残帮困', '文化传承', '教育培训', '小区治理', '邻里互助', '文艺文体', '卫生健康', '其他']);

    const set = await c.post(`/api/console/cases/${id}/theme`, { theme: 'elder-care' });
    expect(set.status).toBe(200);
    expect([set.json.theme, set.json.themeName]).toEqual(['elder-care', '敬老孝亲']);
    // the same again changes nothing and writes no second row
    await c.post(`/api/console/cases/${id}/theme`, { theme: 'elder-care' });
    await c.post(`/api/console/cases/${id}/theme`, { theme: 'health' });
    const cleared = await c.post(`/api/console/cases/${id}/theme`, { theme: null });
    expect(cleared.json.theme).toBeNull();
    const [row] = await h.db.select().from(cases).where(eq(cases.id, id));
    expect(row!.theme).toBeNull();
    const audit = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.theme'), eq(auditLog.target, `case:${id}`)));
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ theme: null }, { theme: 'elder-care' }],
      [{ theme: 'elder-care' }, { theme: 'health' }],
      [{ theme: 'health' }, { theme: null }],
    ]);
  });

  it('refuses a theme the file does not name, and a report (no themes), in words', async () => {
    const id = await h.proposal({ communityId: 'nantoucheng' });
    const unknown = await c.post(`/api/console/cases/${id}/theme`, { theme: 'gardening' });
    expect([unknown.status, unknown.json.error.reason]).toEqual([400, 'unknown_theme']);
    const report = await h.report({ communityId: 'nantoucheng' });
    const r = await c.post(`/api/console/cases/${report}/theme`, { theme: 'health' });
    expect([r.status, r.json.error.reason]).toEqual([400, 'no_theme']);
    const bad = await c.post(`/api/console/cases/${id}/theme`, { theme: 5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('主题分类');
  });

  it('a bad themes file is a ConfigError naming the file and the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'themes-'));
    const file = path.join(dir, 'proposal-themes.yaml');
    writeFileSync(file, 'themes:\n  - { id: a, name: 甲 }\n  - { id: a, name: 乙 }\n');
    expect(() => loadProposalThemes(file)).toThrow(ConfigError);
    expect(() => loadProposalThemes(file)).toThrow(/proposal-themes\.yaml: themes: theme ids must be unique/);
  });
});
