import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordProjectRating } from '../../src/civic/evaluation.js';
import { addNote, recordObjection } from '../../src/civic/lifecycle/notes.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import type { Db } from '../../src/db/client.js';
import { ctxAt, forceStatus, openSeeded, proposal, report, staff } from '../civic/fixtures.js';
import { approvePublicText, days, NOW, startPages, type PagesServer } from './fixtures.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTES = `"quotes'`;
const ESCAPED = {
  script: '&lt;script&gt;alert(1)&lt;/script&gt;',
  img: '&lt;img src=x onerror=alert(1)&gt;',
  quotes: '&quot;quotes&#39;',
};

/** reviewing → approved → publicised, with the notice period around NOW */
async function publicise(db: Db, caseId: number, publicNote: string, batch = '2026年第一批') {
  await transition(db, { caseId, to: 'reviewing', actor: staff }, ctxAt(days(1)));
  await transition(db, { caseId, to: 'approved', actor: staff, publicNote, data: { approvedCost: 10_000_00, batch } }, ctxAt(days(2)));
  await transition(
    db,
    { caseId, to: 'publicised', actor: staff, data: { publicityStart: days(10), publicityEnd: days(17) } },
    ctxAt(days(10)),
  );
}

describe('public pages escape and hide', () => {
  let database: Database;
  let srv: PagesServer;
  beforeAll(async () => {
    database = await openSeeded();
    srv = await startPages({ db: database.db, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
  });

  const pagesOf = async (paths: string[]) => {
    const out: [string, string][] = [];
    for (const p of paths) {
      const r = await srv.get(p);
      expect(r.status, p).toBe(200);
      out.push([p, r.text]);
    }
    return out;
  };

  it('markup typed into a description, title or public note shows only in escaped form', async () => {
    const { db } = database;
    const all = `${SCRIPT} ${IMG} ${QUOTES}`;
    const p1 = await proposal(db, {
      openid: 'o-xss',
      communityId: 'bayi',
      title: `${SCRIPT}${QUOTES}`,
      description: all,
      beneficiaries: IMG,
      location: { lat: 22.2, lng: 113.2, label: `${QUOTES}${IMG}` },
    });
    await publicise(db, p1, all, `${IMG}批次`);
    const p2 = await proposal(db, { openid: 'o-xss', communityId: 'bayi', title: IMG, description: QUOTES });
    const r = await report(db, { openid: 'o-xss', description: all, location: { lat: 22.5, lng: 113.9, label: SCRIPT } });
    await addNote(db, { caseId: r, actor: staff, publicNote: all }, ctxAt(days(1)));
    // even what staff approve as a report's public text is escaped
    await approvePublicText(db, r, all);

    const pages = await pagesOf([`/c/${p1}`, `/c/${p2}`, `/c/${r}`, '/community/bayi', '/community/bayi/publicity', '/publicity']);
    for (const [p, text] of pages) {
      expect(text, p).not.toContain(SCRIPT);
      expect(text, p).not.toContain('<img src=x');
      expect(text, p).not.toContain(QUOTES);
      expect(text, p).not.toMatch(/<script/i);
      expect(text, p).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i); // no event-handler attribute on any tag
      // every image the page shows is one of ours
      for (const m of text.matchAll(/<img\s[^>]*>/g)) expect(m[0]).toMatch(/^<img src="\/c\/\d+\/photos\/\d+"/);
    }
    const page = Object.fromEntries(pages);
    expect(page[`/c/${p1}`]).toContain(`<h1>${ESCAPED.script}${ESCAPED.quotes}</h1>`);
    expect(page[`/c/${p1}`]).toContain(`<p class="text">${ESCAPED.script} ${ESCAPED.img} ${ESCAPED.quotes}</p>`);
    expect(page[`/c/${p1}`]).toContain(`<dd>${ESCAPED.img}</dd>`); // beneficiaries
    expect(page[`/c/${p1}`]).toContain(`<dd>${ESCAPED.quotes}${ESCAPED.img}</dd>`); // location
    expect(page[`/c/${p1}`]).toContain(`<dd>${ESCAPED.img}批次</dd>`);
    expect(page[`/c/${r}`]).toContain(`<dd>${ESCAPED.script}</dd>`);
    expect(page[`/c/${r}`]!.split(`${ESCAPED.script} ${ESCAPED.img} ${ESCAPED.quotes}`)).toHaveLength(3); // description + public note
    expect(page[`/c/${p2}`]).toContain(`<h1>${ESCAPED.img}</h1>`);
    expect(page['/community/bayi']).toContain(`>${ESCAPED.img}</a>`);
    expect(page['/community/bayi']).toContain(`>${ESCAPED.script}${ESCAPED.quotes}</a>`);
    for (const p of ['/community/bayi/publicity', '/publicity']) {
      expect(page[p]).toContain(`>${ESCAPED.script}${ESCAPED.quotes}</a>`);
      expect(page[p]).toContain(ESCAPED.img);
    }
  });

  it('no openid, phone number or internal note on any page', async () => {
    const { db } = database;
    const r = await report(db, {
      openid: 'o-PRIVATE-reporter',
      phone: '13800138000',
      description: '路灯不亮，请打 13912345678 联系我',
    });
    await transition(
      db,
      { caseId: r, to: 'accepted', actor: staff, publicNote: '已受理', internalNote: 'INTERNAL-SECRET-1', data: { assignee: 'ASSIGNEE-SECRET' } },
      ctxAt(days(0.5)),
    );
    await addNote(db, { caseId: r, actor: staff, internalNote: 'INTERNAL-SECRET-2' }, ctxAt(days(1)));
    const p = await proposal(db, {
      openid: 'o-PRIVATE-proposer',
      phone: '13700137000',
      communityId: 'tengshan',
      title: '路灯加装 13500135000',
      description: '我的电话 13600136000，欢迎联系',
      beneficiaries: '全体居民，联系 13400134000',
    });
    await publicise(db, p, '议事会通过');
    // an objection is public (issue 14), who raised it is not, and a phone in it is masked
    await recordObjection(db, { caseId: p, openid: 'o-PRIVATE-objector', text: '挡住消防通道，联系 13300133000' }, ctxAt(days(11)));
    const done = await proposal(db, { openid: 'o-PRIVATE-proposer', communityId: 'tengshan', title: '健身器材更新' });
    await forceStatus(db, done, 'completed', { approvedCost: 5_000_00, actualCost: 4_800_00, resolvedAt: days(5) });
    await recordProjectRating(db, { caseId: done, openid: 'o-PRIVATE-rater', score: 4, comment: 'RATING-SECRET' }, ctxAt(days(6)));

    const pages = await pagesOf([
      `/c/${r}`,
      `/c/${p}`,
      `/c/${done}`,
      '/community/nantoucheng',
      '/community/tengshan',
      '/community/tengshan/publicity',
      '/publicity',
    ]);
    const secrets = ['o-PRIVATE', '13800138000', '13912345678', '13700137000', '13600136000', '13500135000', '13400134000', 'INTERNAL-SECRET', 'ASSIGNEE-SECRET', '13300133000', 'RATING-SECRET'];
    for (const [path, text] of pages) for (const secret of secrets) expect(text, `${secret} on ${path}`).not.toContain(secret);
    const page = Object.fromEntries(pages);
    // a report's words wait for staff to approve a public text (tests/public/public-text-set.test.ts);
    // a proposal is public before staff look at it: its title, description and beneficiaries are
    // masked by the same rule as a report's proposed public text (phones in full), on every page
    expect(page[`/c/${r}`]).not.toContain('路灯不亮');
    expect(page[`/c/${r}`]).toContain('居民的描述由工作人员审核、隐去姓名门牌和电话后在此公开。');
    expect(page[`/c/${p}`]).toContain('我的电话 ***********，欢迎联系');
    expect(page[`/c/${p}`]).toContain('<h1>路灯加装 ***********</h1>');
    expect(page[`/c/${p}`]).toContain('全体居民，联系 ***********');
    expect(page['/community/tengshan']).toContain('路灯加装 ***********');
    expect(page['/community/tengshan/publicity']).toContain('我的电话 ***********');
    expect(page[`/c/${done}`]).toContain('平均 <strong>4.0</strong> 分');
  });
});
