import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../src/civic/lifecycle/notes.js';
import { routes } from '../../src/console/contract.js';
import { auditLog, caseMedia } from '../../src/db/schema.js';
import { ctxAt, report, staff } from '../civic/fixtures.js';
import { startPages, storePhoto, type PagesServer } from '../public/fixtures.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 照片审核: a resident's photo stays off the public pages until staff 公开 it in the console;
 * 隐藏 takes it off again. Staff uploads are public at once; staff see every photo whatever its state.
 */
describe('photo moderation', () => {
  let h: ConsoleHarness;
  let pages: PagesServer;
  let a: Client; // community staff of 南头城
  let b: Client; // community staff of 龙珠
  let street: Client; // street staff of 南头
  let deputy: Client; // deputy of 南头城
  let admin: Client;
  let aId: number;
  let streetId: number;
  let caseId: number;
  let residentPhoto: number;
  let staffPhoto: number;
  let otherCasePhoto: number;
  let otherCase: number;

  const photoUrl = (m: number, c = caseId) => `/api/console/cases/${c}/photos/${m}`;
  const moderate = (who: Client, m: number, publicState: string, c = caseId) => who.patch(photoUrl(m, c), { publicState });
  const detailPhoto = async (m: number) => ((await a.get(`/api/console/cases/${caseId}`)).json.photos as { id: number }[]).find((p) => p.id === m);
  const publicPhoto = async (m: number) => (await pages.get(`/c/${caseId}/photos/${m}`)).status;
  const audits = () => h.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.photo'), eq(auditLog.target, `case:${caseId}`))).orderBy(auditLog.id);

  beforeAll(async () => {
    h = await startConsole();
    aId = await h.user('a', 'community', { communityId: 'nantoucheng' });
    await h.user('b', 'community', { communityId: 'longzhu' });
    streetId = await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    await h.user('root', 'admin');
    [a, b, street, deputy, admin] = (await Promise.all(['a', 'b', 'st', 'dep', 'root'].map((u) => h.login(u)))) as [Client, Client, Client, Client, Client];
    caseId = await report(h.db, { openid: 'o-photo-author', communityId: 'nantoucheng', photos: [storePhoto(h.mediaDir, 'doorway', 1)] });
    await addNote(h.db, { caseId, actor: staff, publicNote: '现场照片', photos: [storePhoto(h.mediaDir, 'site', 2)] }, ctxAt(h.clock.now()));
    [residentPhoto, staffPhoto] = (await h.db.select({ id: caseMedia.id }).from(caseMedia).where(eq(caseMedia.caseId, caseId)).orderBy(caseMedia.id)).map((r) => r.id) as [number, number];
    otherCase = await report(h.db, { openid: 'o-photo-other', communityId: 'nantoucheng', photos: [storePhoto(h.mediaDir, 'other', 3)] });
    [{ id: otherCasePhoto }] = (await h.db.select({ id: caseMedia.id }).from(caseMedia).where(eq(caseMedia.caseId, otherCase))) as [{ id: number }];
    pages = await startPages({ db: h.db, mediaDir: h.mediaDir, now: h.clock.now });
  });
  afterAll(async () => {
    await pages.close();
    await h.close();
  });

  it("a resident's photo waits for review; a staff photo is public at once; staff see both", async () => {
    expect(await detailPhoto(residentPhoto)).toMatchObject({ source: 'resident', publicState: 'pending', moderatedBy: null, moderatedAt: null });
    expect(await detailPhoto(staffPhoto)).toMatchObject({ source: 'staff', publicState: 'shown', moderatedBy: null, moderatedAt: null });
    const page = await pages.get(`/c/${caseId}`);
    expect(page.text).toContain('照片（1 张）');
    expect(page.text).toContain(`/photos/${staffPhoto}"`);
    expect(page.text).not.toContain(`/photos/${residentPhoto}"`);
    expect(await publicPhoto(residentPhoto)).toBe(404);
    expect(await publicPhoto(staffPhoto)).toBe(200);
    for (const m of [residentPhoto, staffPhoto]) {
      const r = await a.get(photoUrl(m));
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('private, max-age=300');
    }
  });

  it('the case list counts the photos waiting for review and filters on them, within the user’s scope', async () => {
    const items = async (who: Client, q: string) => (await who.get(`/api/console/cases?${q}`)).json.items as { id: number; photosPending: number }[];
    const all = await items(a, 'kind=report');
    expect(all.find((c) => c.id === caseId)?.photosPending).toBe(1);
    expect((await items(a, 'photosPending=true')).map((c) => c.id).sort()).toEqual([caseId, otherCase].sort());
    expect((await items(a, 'photosPending=false')).map((c) => c.id)).not.toContain(caseId);
    expect(await items(b, 'photosPending=true')).toEqual([]);
  });

  it('公开 puts it on the public page, 隐藏 takes it off again: who and when, one audit row each', async () => {
    const shown = await moderate(a, residentPhoto, 'shown');
    expect(shown.status).toBe(200);
    expect(routes.casePhotoState.response.safeParse(shown.json).success).toBe(true);
    expect(shown.json).toMatchObject({ id: residentPhoto, publicState: 'shown', moderatedBy: { id: aId, name: 'a名' }, moderatedAt: h.clock.now().toISOString() });
    expect(await publicPhoto(residentPhoto)).toBe(200);
    const page = await pages.get(`/c/${caseId}`);
    expect(page.text).toContain('照片（2 张）');
    expect(page.text).toContain(`<img src="/c/${caseId}/photos/${residentPhoto}" alt="居民上传的照片 1"`);

    h.clock.advance(60_000);
    const hidden = await moderate(street, residentPhoto, 'hidden');
    expect(hidden.json).toMatchObject({ publicState: 'hidden', moderatedBy: { id: streetId, name: 'st名' }, moderatedAt: h.clock.now().toISOString() });
    expect(await publicPhoto(residentPhoto)).toBe(404);
    expect((await pages.get(`/c/${caseId}`)).text).not.toContain(`/photos/${residentPhoto}"`);
    expect(await detailPhoto(residentPhoto)).toMatchObject({ publicState: 'hidden', moderatedBy: { id: streetId } });
    // staff still see a hidden photo
    expect((await a.get(photoUrl(residentPhoto))).status).toBe(200);

    // asking for the state it already has changes nothing and records nothing
    expect((await moderate(a, residentPhoto, 'hidden')).json).toMatchObject({ publicState: 'hidden', moderatedBy: { id: streetId } });
    const rows = await audits();
    expect(rows.map((r) => [r.staffId, r.before, r.after])).toEqual([
      [aId, { mediaId: residentPhoto, publicState: 'pending' }, { mediaId: residentPhoto, publicState: 'shown' }],
      [streetId, { mediaId: residentPhoto, publicState: 'shown' }, { mediaId: residentPhoto, publicState: 'hidden' }],
    ]);
    const log = await admin.get('/api/console/audit?action=case.photo');
    expect(log.json.items).toHaveLength(2);
  });

  it('only staff in scope decide: another community 403, a deputy 403 (but sees the states), unknown photo 404', async () => {
    const before = await detailPhoto(residentPhoto);
    const out = await moderate(b, residentPhoto, 'shown');
    expect(out.status).toBe(403);
    expect(out.text).not.toContain('doorway');
    expect((await moderate(deputy, residentPhoto, 'shown')).status).toBe(403);
    const seen = await deputy.get(`/api/console/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.photos.map((p: { publicState: string }) => p.publicState)).toEqual(['hidden', 'shown']);
    expect(await detailPhoto(residentPhoto)).toEqual(before);
    expect(await publicPhoto(residentPhoto)).toBe(404);

    // a photo of another case under this case's number, an unknown photo, an unknown case
    expect((await moderate(a, otherCasePhoto, 'shown')).status).toBe(404);
    expect((await moderate(a, 999_999, 'shown')).status).toBe(404);
    expect((await moderate(admin, residentPhoto, 'shown', 999_999)).status).toBe(404);
    // only shown or hidden may be asked for
    for (const bad of ['pending', 'public', '']) expect((await moderate(a, residentPhoto, bad)).status).toBe(400);
    // a state change needs the CSRF token
    expect((await a.request('PATCH', photoUrl(residentPhoto), { publicState: 'shown' }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await audits()).length).toBe(2);
    expect(await publicPhoto(otherCasePhoto)).toBe(404);

    // an admin may decide anywhere
    expect((await moderate(admin, residentPhoto, 'shown')).json).toMatchObject({ publicState: 'shown' });
    expect(await publicPhoto(residentPhoto)).toBe(200);
  });
});
