import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Answer, type Client, type ConsoleHarness } from './harness.js';

/**
 * Every console error is JSON, `{ error: { code, message, reason?, requestId } }`, with the status
 * of the error and a zh-CN message staff can read; a wrong field is named in their words.
 */
describe('console errors', () => {
  let h: ConsoleHarness;
  let nt: Client;
  let deputy: Client;
  beforeAll(async () => {
    h = await startConsole();
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
    deputy = await h.login('dep');
  });
  afterAll(() => h.close());

  const errorOf = (a: Answer) => {
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(a.json)).toEqual(['error']);
    expect(a.json.error.requestId).toBe(a.headers.get('x-request-id'));
    return a.json.error as { code: string; message: string; reason?: string; requestId: string };
  };

  it('names the wrong field of a body in zh-CN', async () => {
    const id = await h.report({ communityId: 'nantoucheng' });
    const empty = await nt.post(`/api/console/cases/${id}/assign`, { assignee: '  ' });
    expect(empty.status).toBe(400);
    expect(errorOf(empty)).toMatchObject({ code: 'bad_request', reason: 'invalid_request', message: '请求有误：承办人不能为空' });
    expect(errorOf(await nt.post(`/api/console/cases/${id}/assign`, {})).message).toBe('请求有误：缺少承办人');
    expect(errorOf(await nt.post(`/api/console/cases/${id}/assign`, { assignee: 7 })).message).toBe('请求有误：承办人的格式不对');
    const long = await nt.post(`/api/console/cases/${id}/notes`, { internalNote: '长'.repeat(2001) });
    expect(errorOf(long).message).toBe('请求有误：内部备注不能超过 2000 个字');
    expect(errorOf(await nt.post('/api/console/cases/bulk-transition', { ids: [], to: 'accepted' })).message).toBe('请求有误：事项编号至少要有 1 项');
    expect(errorOf(await nt.get('/api/console/cases?kind=robot')).message).toBe('请求有误：类型的取值不对');
  });

  it('answers a refused move, a stale one and a missing case with the lifecycle’s words', async () => {
    const id = await h.report({ communityId: 'nantoucheng' });
    const illegal = await nt.post(`/api/console/cases/${id}/transition`, { to: 'closed' });
    expect(illegal.status).toBe(400);
    expect(errorOf(illegal)).toMatchObject({ code: 'bad_request', reason: 'illegal_transition', message: '已提交，还不能结案' });
    const stale = await nt.post(`/api/console/cases/${id}/transition`, { to: 'in_progress', from: 'accepted' });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('conflict');
    const missing = await nt.get('/api/console/cases/99999');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });

  it('answers the session, role and CSRF checks as JSON', async () => {
    const anon = await h.fetch('GET', '/api/console/cases');
    expect(anon.status).toBe(401);
    expect(errorOf(anon)).toMatchObject({ code: 'unauthorized', reason: 'no_session', message: '请先登录' });
    const role = await deputy.get('/api/console/inbox');
    expect(role.status).toBe(403);
    expect(errorOf(role)).toMatchObject({ code: 'forbidden', reason: 'role' });
    const csrf = await nt.request('POST', '/api/console/logout', {}, { 'x-csrf-token': '' });
    expect(csrf.status).toBe(403);
    expect(errorOf(csrf)).toMatchObject({ code: 'forbidden', reason: 'csrf' });
    const form = await nt.request('POST', '/api/console/password', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(errorOf(form)).toMatchObject({ code: 'unsupported_media_type', reason: 'not_json' });
  });

  it('answers a path or method no route takes as JSON too', async () => {
    const none = await nt.get('/api/console/no-such-page');
    expect(none.status).toBe(404);
    expect(errorOf(none)).toMatchObject({ code: 'not_found', reason: 'no_route' });
    const method = await nt.request('PUT', '/api/console/scope', {});
    expect(method.status).toBe(405);
    expect(errorOf(method)).toMatchObject({ code: 'method_not_allowed' });
  });
});
