import type { Service } from '../../src/service.js';
import { sendInputSchema } from '../../src/simulator/send-input.js';

/** A resident chatting through the local simulator, as on the phone; each call returns what they read. */
export function resident(svc: Service, openid: string) {
  const chat = svc.simulator!.chat;
  const readable = (r: { reply: { type: string; content?: string } }) => (r.reply.type === 'text' ? r.reply.content! : r.reply.type);
  return {
    openid,
    async send(input: unknown): Promise<string> {
      const r = await chat.send(openid, sendInputSchema.parse(input));
      return [r, ...r.followUps].map(readable).join('\n');
    },
    say(text: string): Promise<string> {
      return this.send({ kind: 'text', content: text });
    },
    follow(scene?: string): Promise<string> {
      return this.send({ kind: 'event', event: 'subscribe', ...(scene ? { scene } : {}) });
    },
    at(lat: number, lng: number, label: string): Promise<string> {
      return this.send({ kind: 'location', lat, lng, label });
    },
    photo(): Promise<string> {
      return this.send({ kind: 'image' });
    },
  };
}
