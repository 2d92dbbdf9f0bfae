import { z } from 'zod';
import { jsonValue } from './json.js';

/**
 * Why a waiting session resumes. The runtime turns each inbound WeChat message (and its own
 * commands and timers) into exactly one Input:
 *
 * - `text`: a text message (also a tapped bizmsgmenu link, which arrives as text)
 * - `location`: a location message or a `location_select` menu event
 * - `image`: one photo (several photos arrive as several messages)
 * - `voice`: a voice message, stored by the runtime, with its transcript when WeChat or the
 *   configured recogniser made one (a free-text question takes it; others say a tap works better)
 * - `other`: video, link, file … (re-prompted with a hint)
 * - `lookup_result`: the runtime's answer to a `lookup_requested` event
 * - `cancel`: the resident typed 取消 (a global command)
 * - `handoff`: the resident typed 人工 (a global command): the flow ends with its context in
 *   `handoff_requested` (人工 typed as text inside the flow does the same)
 * - `reprompt`: the runtime answered a digression (查询 12, 我的) and wants the pending question again
 * - `expire`: the session's expiry timer fired
 */
export const textInput = z.object({ type: z.literal('text'), text: z.string() });
export const locationInput = z.object({
  type: z.literal('location'),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  label: z.string().default(''),
});
export const imageInput = z.object({ type: z.literal('image'), mediaId: z.string().min(1), picUrl: z.string().optional() });
export const voiceInput = z.object({ type: z.literal('voice'), mediaId: z.string().min(1), transcript: z.string().optional() });
export const otherInput = z.object({ type: z.literal('other'), kind: z.string() });
export const lookupResultInput = z.object({ type: z.literal('lookup_result'), name: z.string(), data: jsonValue });
export const cancelInput = z.object({ type: z.literal('cancel') });
export const handoffInput = z.object({ type: z.literal('handoff') });
export const repromptInput = z.object({ type: z.literal('reprompt') });
export const expireInput = z.object({ type: z.literal('expire') });

export const inputSchema = z.discriminatedUnion('type', [
  textInput,
  locationInput,
  imageInput,
  voiceInput,
  otherInput,
  lookupResultInput,
  cancelInput,
  handoffInput,
  repromptInput,
  expireInput,
]);

export type Input = z.infer<typeof inputSchema>;

/** what the resident sends (a trigger's input): not the runtime's own inputs */
export const messageInputSchema = z.discriminatedUnion('type', [textInput, locationInput, imageInput, voiceInput, otherInput]);
export type MessageInput = z.infer<typeof messageInputSchema>;
export type InputOf<T extends Input['type']> = Extract<Input, { type: T }>;
