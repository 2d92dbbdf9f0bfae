import type Router from '@koa/router';
import { AppError } from '../../errors.js';
import { serveStoredFile } from '../../media/serve-stored-file.js';
import { allow } from '../auth/access.js';
import { routes, voiceTranscriptBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, sendJson } from '../http.js';
import { correctTranscript, voiceInScope } from '../voices.js';

/** GET /voices/:id/audio (the MP3 the console plays), PATCH /voices/:id/transcript (staff's words) */
export function mountVoiceRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.voiceAudio.path, async (ctx) => {
    const me = allow(ctx, routes.voiceAudio);
    const voice = await voiceInScope(db, me, pathId(ctx.params.id, '语音'));
    // the stored path of the row only; a download header (an <audio> plays it all the same)
    if (!(await serveStoredFile(ctx, deps.media, { path: voice.path, type: voice.contentType, sha256: voice.sha256 }, `voice-${voice.id}.mp3`)))
      throw new AppError('not_found', '语音文件不在了', { reason: 'voice_file_missing' });
  });

  router.patch(routes.voiceTranscript.path, async (ctx) => {
    const me = allow(ctx, routes.voiceTranscript);
    const voice = await voiceInScope(db, me, pathId(ctx.params.id, '语音'));
    const body = await readBody(ctx, voiceTranscriptBodySchema);
    sendJson(ctx, await correctTranscript(db, me, voice, body.transcript, deps.now()));
  });
}
