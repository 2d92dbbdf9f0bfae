import type Router from '@koa/router';
import { meetingRow } from '../../civic/index.js';
import { AppError } from '../../errors.js';
import { normaliseImage } from '../../media/normalise-image.js';
import { allow, assertScope } from '../auth/access.js';
import { councilCandidateList, councilCreate, councilList, councilMeeting, councilMinutesAttach } from '../council/meetings.js';
import { MINUTES_EXTENSIONS, readUploadedMinutes, serveMinutes } from '../council/minutes-file.js';
import { councilCandidatesQuerySchema, councilListQuerySchema, councilMeetingBodySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';

/**
 * 居民议事会: GET/POST /council/meetings, GET /council/candidates, GET /council/meetings/:id and
 * its minutes (POST to attach, GET to download). Scope: the meeting's community, checked before a
 * body is read and again inside each write's transaction (and on every proposal it decides).
 */
export function mountCouncilRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.councilList.path, async (ctx) => {
    const me = allow(ctx, routes.councilList);
    const q = readQuery(ctx, councilListQuerySchema);
    sendJson(ctx, await councilList(deps, me, q.communityId));
  });

  router.get(routes.councilCandidates.path, async (ctx) => {
    const me = allow(ctx, routes.councilCandidates);
    const q = readQuery(ctx, councilCandidatesQuerySchema);
    sendJson(ctx, await councilCandidateList(deps, me, q.communityId));
  });

  router.post(routes.councilCreate.path, async (ctx) => {
    const me = allow(ctx, routes.councilCreate);
    const body = await readBody(ctx, councilMeetingBodySchema);
    const r = await councilCreate(deps, me, body);
    sendJson(ctx, r, r.decided ? 201 : 200);
  });

  router.get(routes.councilMeeting.path, async (ctx) => {
    const me = allow(ctx, routes.councilMeeting);
    sendJson(ctx, await councilMeeting(deps, me, pathId(ctx.params.id, '议事会记录')));
  });

  router.post(routes.councilMinutesUpload.path, async (ctx) => {
    const me = allow(ctx, routes.councilMinutesUpload);
    const m = await meetingRow(db, pathId(ctx.params.id, '议事会记录'));
    await assertScope(db, me, m.communityId, '议事会');
    const file = await readUploadedMinutes(ctx);
    // photographed minutes are normalised like every photo (no GPS in EXIF); a PDF is kept as it came
    const kept = await normaliseImage(file.buffer, file.contentType);
    const stored = await deps.media.put(kept.buffer, MINUTES_EXTENSIONS[file.contentType], deps.now());
    sendJson(ctx, await councilMinutesAttach(deps, me, m.id, stored, file.contentType), 201);
  });

  router.get(routes.councilMinutes.path, async (ctx) => {
    const me = allow(ctx, routes.councilMinutes);
    const m = await meetingRow(db, pathId(ctx.params.id, '议事会记录'));
    await assertScope(db, me, m.communityId, '议事会');
    const ext = m.minutesType ? MINUTES_EXTENSIONS[m.minutesType as keyof typeof MINUTES_EXTENSIONS] : undefined;
    const name = `council-${m.id}-${m.heldOn}.${ext ?? 'bin'}`;
    if (!m.minutesPath || !m.minutesType || !(await serveMinutes(ctx, deps.media, { path: m.minutesPath, type: m.minutesType, sha256: m.minutesSha256 }, name)))
      throw new AppError('not_found', '这次议事会还没有上传会议纪要', { reason: 'no_minutes' });
  });
}
