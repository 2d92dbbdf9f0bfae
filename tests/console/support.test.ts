import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportProposal } from '../../src/civic/support.js';
import { startConsole, T0, type Client, type ConsoleHarness } from './harness.js';

/** What staff see of 支持 when deciding: the count in the case detail, a list column, and the sort by it. */
describe.each(['postgres', 'pglite'] as const)('support in the console (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client;
  const now = new Date(T0);

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  const supported = async (n: number) => {
    const p = await h.proposal({ communityId: 'nantoucheng' });
    for (let i = 0; i < n; i++) await supportProposal(h.db, p, `o-console-${p}-${i}`, now);
    return p;
  };

  it('the detail shows the count and that 征集 still takes support; the list has the column and sorts by it', async () => {
    const one = await supported(1);
    const three = await supported(3);
    const none = await supported(0);
    const d = (await nt.get(`/api/console/cases/${three}`)).json;
    expect(d.support).toEqual({ count: 3, open: true });
    expect(d.case.supportCount).toBe(3);
    const list = (await nt.get('/api/console/cases?kind=proposal&sort=supporters&order=desc')).json;
    const ids = list.items.map((c: { id: number }) => c.id).filter((id: number) => [one, three, none].includes(id));
    expect(ids).toEqual([three, one, none]);
    expect(list.items.find((c: { id: number }) => c.id === one).supportCount).toBe(1);
    const asc = (await nt.get('/api/console/cases?kind=proposal&sort=supporters&order=asc')).json;
    expect(asc.items.map((c: { id: number }) => c.id).filter((id: number) => [one, three, none].includes(id))).toEqual([none, one, three]);
  });

  it('a report has no support block', async () => {
    const r = await h.report({ communityId: 'nantoucheng' });
    expect((await nt.get(`/api/console/cases/${r}`)).json.support).toBeNull();
  });
});
