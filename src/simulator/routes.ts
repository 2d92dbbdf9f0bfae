import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { readRawBody } from '../http/raw-body.js';
import type { SimChat } from './chat.js';
import { MAX_IMAGE_BYTES, type SimMediaStore } from './media-store.js';
import type { MenuView } from './menu.js';
import { servePageFile } from './page-assets.js';
import { parseSendBody } from './send-input.js';
import { openidSchema } from './sim-message.js';
import { openEventStream, type EventStream } from '../http/sse.js';
import type { SimTimeline } from './timeline.js';

/**
 * The simulator's own routes under /sim (the fake API under /sim/api is mounted beside them):
 * GET  /sim                  the chat page (and /sim/static/<file>)
 * GET  /sim/info             account facts for the page: encryption mode, communities for QR scenes
 * POST /sim/send             JSON { openid, kind, … } → posted through the WeChat client → the passive reply
 * POST /sim/upload?openid=   an image (raw body) → registered as media and sent as an image message
 * GET  /sim/media/<picId>    a sent picture (its PicUrl)
 * GET  /sim/stream?openid=   server-sent events: the resident's timeline (sent, reply, api)
 * GET  /sim/menu             the account's menu
 * GET  /sim/residents        residents used so far
 */
export interface SimRoutesDeps {
  chat: SimChat;
  timeline: SimTimeline;
  media: SimMediaStore;
  menu: () => MenuView;
  info: () => Record<string, unknown>;
  heartbeatMs?: number;
}

/** a minute of voice (AMR, about 100 KB) fits in base64 */
const JSON_LIMIT = 192 * 1024;

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
    throw new AppError('bad_request', `invalid ${what}: ${detail}`, { reason: 'bad_sim_request' });
  }
  return r.data;
}

async function readJson(ctx: Koa.Context): Promise<unknown> {
  if (!ctx.is('application/json')) throw new AppError('unsupported_media_type', 'send JSON (Content-Type: application/json)');
  const raw = await readRawBody(ctx.req, JSON_LIMIT);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new AppError('bad_request', 'malformed JSON', { reason: 'bad_json' });
  }
}

const uploadQuery = z.object({ openid: openidSchema, send: z.enum(['0', '1']).default('1') });
const streamQuery = z.object({ openid: openidSchema, since: z.string().regex(/^\d{1,12}$/).optional() });
const lastEventId = z.string().regex(/^\d{1,12}$/);

export function createSimRoutes(deps: SimRoutesDeps): { middleware: Koa.Middleware; close(): void } {
  const router = new Router({ prefix: '/sim' });
  const streams = new Set<EventStream>();

  router.get('/', async (ctx) => {
    await servePageFile(ctx, 'index.html');
  });
  router.get('/static/:file', async (ctx) => {
    if (!(await servePageFile(ctx, String(ctx.params.file)))) throw new AppError('not_found', 'no such file');
  });

  router.get('/info', (ctx) => {
    ctx.body = deps.info();
  });

  router.post('/send', async (ctx) => {
    const { openid, input } = parseSendBody(await readJson(ctx));
    ctx.body = await deps.chat.send(openid, input);
  });

  router.post('/upload', async (ctx) => {
    const q = parse(uploadQuery, ctx.query, 'query');
    const bytes = await readRawBody(ctx.req, MAX_IMAGE_BYTES);
    if (q.send === '0') {
      const image = deps.media.add(bytes);
      ctx.body = { mediaId: image.mediaId, picUrl: deps.media.picUrl(image), md5: image.md5 };
      return;
    }
    ctx.body = await deps.chat.sendImage(q.openid, bytes);
  });

  router.get('/media/:picId', (ctx) => {
    const image = deps.media.get(String(ctx.params.picId));
    if (!image) throw new AppError('not_found', 'no such picture');
    ctx.type = image.contentType;
    ctx.set('Cache-Control', 'private, max-age=86400, immutable');
    ctx.body = image.bytes;
  });

  router.get('/stream', (ctx) => {
    const q = parse(streamQuery, ctx.query, 'query');
    const resume = lastEventId.safeParse(ctx.get('last-event-id'));
    const since = resume.success ? Number(resume.data) : Number(q.since ?? 0);
    let detach = () => {};
    const stream = openEventStream(ctx, {
      ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
      onClose: () => {
        detach();
        streams.delete(stream);
      },
    });
    streams.add(stream);
    // listing and subscribing in the same tick: no entry can fall between them
    for (const e of deps.timeline.list(q.openid, since)) stream.send(e.kind, e, e.seq);
    detach = deps.timeline.onEntry(q.openid, (e) => stream.send(e.kind, e, e.seq));
    stream.send('ready', { openid: q.openid });
  });

  router.get('/menu', (ctx) => {
    ctx.body = deps.menu();
  });

  router.get('/residents', (ctx) => {
    ctx.body = { residents: deps.timeline.residents() };
  });

  return {
    middleware: router.routes() as Koa.Middleware,
    close: () => {
      for (const s of [...streams]) s.close();
    },
  };
}
