import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { PassiveReply } from './passive-reply.js';
import type { SendInput } from './send-input.js';
import type { SimMessage } from './sim-message.js';
import { readEventStream } from './sse-client.js';
import { WechatClient } from './wechat-client.js';

/**
 * How the terminal client reaches the service. `sim`: through the simulator's /sim routes of a
 * running local service (one timeline and one kf quota with the chat page; pictures; the stream of
 * customer-service and template messages). `direct`: posts to /wechat itself, signed and
 * encrypted with the token and EncodingAESKey from the environment — for an instance without the
 * simulator (WECHAT_APP_ID set); no pictures, no stream.
 */
export interface CliOutcome {
  message?: unknown;
  reply: PassiveReply;
  deliveries: number;
  problems: string[];
}

export interface MenuButtonView {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  sub_button?: MenuButtonView[];
}

export interface StreamEntry {
  seq: number;
  kind: string;
  api?: string;
  body?: unknown;
  response?: { errcode: number; errmsg: string };
}

export interface CliTransport {
  readonly kind: 'sim' | 'direct';
  /** the primary message's outcome, then the follow-ups' (pictures after pic_*, place after location_select) */
  send(openid: string, input: SendInput): Promise<CliOutcome[]>;
  sendImage(openid: string, bytes: Buffer): Promise<CliOutcome[]>;
  /** registers a picture without sending it (for pic_* menu buttons); returns its media id */
  register(openid: string, bytes: Buffer): Promise<string>;
  menu(): Promise<MenuButtonView[]>;
  following(openid: string): Promise<boolean | undefined>;
  /** calls onEntry for each new timeline entry; `ready` once the history has been replayed */
  stream(openid: string, sinceSeq: number, onEntry: (e: StreamEntry) => void, onReady: () => void, signal: AbortSignal): Promise<void>;
}

const outcome = z.object({
  message: z.unknown().optional(),
  reply: z.object({ type: z.string() }).loose(),
  deliveries: z.number(),
  problems: z.array(z.string()).default([]),
});
const chatOutcome = outcome.extend({ followUps: z.array(outcome).default([]) });
const toOutcome = (o: z.output<typeof outcome>): CliOutcome => ({ ...o, reply: o.reply as PassiveReply });
const button: z.ZodType<MenuButtonView> = z.lazy(() =>
  z.object({ type: z.string().optional(), name: z.string(), key: z.string().optional(), url: z.string().optional(), sub_button: z.array(button).optional() }),
);
const menuAnswer = z.object({ button: z.array(button).default([]) });
const residentsAnswer = z.object({ residents: z.array(z.object({ openid: z.string(), following: z.boolean().optional() })) });
const entry = z.object({ seq: z.number(), kind: z.string(), api: z.string().optional(), body: z.unknown(), response: z.object({ errcode: z.number(), errmsg: z.string() }).optional() });

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(text || `HTTP ${res.status}`);
  return JSON.parse(text) as unknown;
}

export function simTransport(baseUrl: string): CliTransport {
  const chat = async (res: Response) => {
    const o = chatOutcome.parse(await json(res));
    return [toOutcome(o), ...o.followUps.map(toOutcome)];
  };
  return {
    kind: 'sim',
    send: async (openid, input) =>
      chat(await fetch(`${baseUrl}/sim/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, ...input }) })),
    sendImage: async (openid, bytes) =>
      chat(await fetch(`${baseUrl}/sim/upload?openid=${encodeURIComponent(openid)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes })),
    register: async (openid, bytes) => {
      const res = await fetch(`${baseUrl}/sim/upload?openid=${encodeURIComponent(openid)}&send=0`, { method: 'POST', body: bytes });
      return z.object({ mediaId: z.string() }).parse(await json(res)).mediaId;
    },
    menu: async () => menuAnswer.parse(await json(await fetch(`${baseUrl}/sim/menu`))).button,
    following: async (openid) => residentsAnswer.parse(await json(await fetch(`${baseUrl}/sim/residents`))).residents.find((r) => r.openid === openid)?.following,
    stream: (openid, sinceSeq, onEntry, onReady, signal) =>
      readEventStream(
        `${baseUrl}/sim/stream?openid=${encodeURIComponent(openid)}&since=${sinceSeq}`,
        (e) => {
          if (e.event === 'ready') return onReady();
          const parsed = entry.safeParse(JSON.parse(e.data));
          if (parsed.success) onEntry(parsed.data as StreamEntry);
        },
        signal,
      ),
  };
}

export function directTransport(baseUrl: string, config: Config): CliTransport {
  const client = new WechatClient({
    webhookUrl: `${baseUrl}/wechat`,
    token: config.wechat.token,
    appId: config.wechat.appId,
    ...(config.wechat.aesKey ? { aesKey: config.wechat.aesKey } : {}),
  });
  const noPictures = () => Promise.reject(new Error('直连模式不能发图片和语音：它们要经过模拟器的假微信接口登记（请连接本地服务的 /sim）'));
  const post = async (openid: string, messages: SimMessage[]) => {
    const out: CliOutcome[] = [];
    for (const m of messages) out.push(await client.send(openid, m));
    return out;
  };
  return {
    kind: 'direct',
    send: (openid, input) => {
      if (input.kind === 'image' || input.kind === 'voice' || (input.kind === 'event' && input.event.startsWith('pic_'))) return noPictures();
      const msg = input as SimMessage;
      if (msg.kind === 'event' && msg.event === 'location_select') {
        return post(openid, [msg, { kind: 'location', lat: msg.lat, lng: msg.lng, scale: msg.scale, label: msg.label || msg.poiname }]);
      }
      return post(openid, [msg]);
    },
    sendImage: noPictures,
    register: noPictures,
    menu: async () => [],
    following: async () => undefined,
    stream: async () => {},
  };
}
