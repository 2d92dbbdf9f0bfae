import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SimMediaStore, SimImage } from './media-store.js';
import { samplePhoto } from './sample-image.js';
import {
  key,
  linkSchema,
  locationSchema,
  openidSchema,
  picEvents,
  plainEventOptions,
  recognition,
  textSchema,
  type SimMessage,
} from './sim-message.js';

/**
 * The body of POST /sim/send: what the resident does on the phone. Most actions are one message;
 * a few are what the phone does in two steps, as WeChat does them:
 * - an image without mediaId: a generated sample photo;
 * - a voice: its AMR bytes registered as WeChat's media, then the voice message;
 * - a pic_* menu button: the event with the pictures' MD5s, then each picture as an image message;
 * - a location_select menu button: the event, then the chosen place as a location message.
 */
const imageInput = z.object({ kind: z.literal('image'), mediaId: z.string().min(1).max(128).optional() });
/** a voice: its AMR bytes in base64 (the simulator registers them as WeChat's media), and what WeChat recognised, if anything */
const voiceInput = z.object({ kind: z.literal('voice'), amr: z.base64().min(8).max(180_000), recognition });
const picInput = z.object({ kind: z.literal('event'), event: z.enum(picEvents), key, mediaIds: z.array(z.string().min(1).max(128)).min(1).max(9).optional() });

export const sendInputSchema = z.discriminatedUnion('kind', [
  textSchema,
  imageInput,
  voiceInput,
  locationSchema,
  linkSchema,
  z.discriminatedUnion('event', [...plainEventOptions, picInput]),
]);
export type SendInput = z.output<typeof sendInputSchema>;

export const sendBodySchema = z.object({ openid: openidSchema }).loose();

/** Parses a /sim/send body; a bad one is a 400 naming the fields. */
export function parseSendBody(body: unknown): { openid: string; input: SendInput } {
  const head = sendBodySchema.safeParse(body);
  const input = sendInputSchema.safeParse(body);
  if (!head.success || !input.success) {
    const issues = [...(head.error?.issues ?? []), ...(input.error?.issues ?? [])];
    const detail = issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).slice(0, 5).join('; ');
    throw new AppError('bad_request', `invalid message: ${detail}`, { reason: 'bad_sim_message' });
  }
  return { openid: head.data.openid, input: input.data };
}

function imageFor(media: SimMediaStore, mediaId: string | undefined): SimImage {
  if (mediaId === undefined) return media.add(samplePhoto());
  const image = media.findByMediaId(mediaId);
  if (!image) throw new AppError('bad_request', `unknown mediaId ${mediaId}: upload the picture first (POST /sim/upload)`, { reason: 'unknown_media' });
  return image;
}

const imageMessage = (media: SimMediaStore, image: SimImage): SimMessage => ({ kind: 'image', mediaId: image.mediaId, picUrl: media.picUrl(image) });

/** The messages the phone posts for one action, in order. */
export function expandInput(input: SendInput, media: SimMediaStore): SimMessage[] {
  if (input.kind === 'image') return [imageMessage(media, imageFor(media, input.mediaId))];
  if (input.kind === 'voice') return [{ kind: 'voice', mediaId: media.addVoice(Buffer.from(input.amr, 'base64')), format: 'amr', recognition: input.recognition }];
  if (input.kind !== 'event') return [input];
  switch (input.event) {
    case 'pic_photo_or_album':
    case 'pic_sysphoto':
    case 'pic_weixin': {
      const images = input.mediaIds ? input.mediaIds.map((id) => imageFor(media, id)) : [imageFor(media, undefined)];
      return [
        { kind: 'event', event: input.event, key: input.key, md5s: images.map((i) => i.md5) },
        ...images.map((i) => imageMessage(media, i)),
      ];
    }
    case 'location_select':
      return [input, { kind: 'location', lat: input.lat, lng: input.lng, scale: input.scale, label: input.label || input.poiname }];
    default:
      return [input];
  }
}
