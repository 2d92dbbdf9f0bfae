import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { SimMediaStore } from './media-store.js';
import { expandInput, type SendInput } from './send-input.js';
import type { SimMessage } from './sim-message.js';
import type { SimTimeline } from './timeline.js';
import type { SendResult, WechatClient } from './wechat-client.js';

/**
 * A resident's action, end to end: expanded into the messages the phone posts, each written to
 * the timeline, sent through the WeChat client, and its passive reply written after it.
 */
export interface SentMessage extends SendResult {
  /** correlates the timeline's 'sent' and 'reply' entries */
  id: string;
  message: SimMessage;
}

export interface ChatOutcome extends SentMessage {
  /** what the phone posted right after (the pictures after a pic_* event, the place after location_select) */
  followUps: SentMessage[];
}

export class SimChat {
  constructor(
    private readonly deps: { client: WechatClient; timeline: SimTimeline; media: SimMediaStore; logger?: Logger },
  ) {}

  async send(openid: string, input: SendInput): Promise<ChatOutcome> {
    const messages = expandInput(input, this.deps.media);
    const sent: SentMessage[] = [];
    for (const message of messages) sent.push(await this.one(openid, message));
    const [first, ...followUps] = sent;
    return { ...first!, followUps };
  }

  /** Registers the picture and sends it as an image message. */
  async sendImage(openid: string, bytes: Buffer): Promise<ChatOutcome> {
    const image = this.deps.media.add(bytes);
    return this.send(openid, { kind: 'image', mediaId: image.mediaId });
  }

  private async one(openid: string, message: SimMessage): Promise<SentMessage> {
    const id = randomBytes(6).toString('hex');
    this.deps.timeline.add({ kind: 'sent', openid, id, message });
    const result = await this.deps.client.send(openid, message);
    this.deps.timeline.add({ kind: 'reply', openid, id, reply: result.reply, deliveries: result.deliveries, problems: result.problems });
    if (result.problems.length) this.deps.logger?.warn({ openid, type: message.kind, problems: result.problems }, 'simulator: WeChat would object to the answer');
    return { ...result, id, message };
  }
}
