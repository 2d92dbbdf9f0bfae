import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, messages, voiceMessages } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';

/**
 * Voice messages end to end: a WeChat voice (espeak-ng speech encoded to AMR, tests/media/fixtures)
 * through the webhook; the bot downloads it at once by media/get from the simulator's fake API,
 * keeps it as AMR and MP3 and answers it in the flow.
 */
const amr = (name: string) => readFileSync(new URL(`../media/fixtures/${name}.amr`, import.meta.url)).toString('base64');
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe('voice messages through the webhook', () => {
  let svc: Service;
  let speech: Server;
  let heardCalls = 0;
  let n = 0;
  const someone = () => {
    const r = resident(svc, `oVoice${randomBytes(3).toString('hex')}${++n}`);
    return Object.assign(r, { speak: (name: string, recognition = '') => r.send({ kind: 'voice', amr: amr(name), recognition }) });
  };
  const voicesOf = (openid: string) => svc.database.db.select().from(voiceMessages).where(eq(voiceMessages.openid, openid));

  beforeAll(async () => {
    // a fake OpenAI-compatible speech-to-text server: it "hears" the street-light sentence
    speech = createServer((req, res) => {
      heardCalls++;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: '我家门口路灯坏了' })));
    });
    await new Promise<void>((r) => speech.listen(0, '127.0.0.1', r));
    svc = await startTestService({ SPEECH_TO_TEXT_URL: `http://127.0.0.1:${(speech.address() as AddressInfo).port}` }, { db: 'postgres' });
  });
  afterAll(async () => {
    await svc.stop();
    await new Promise<void>((r) => speech.close(() => r()));
  });

  it('a spoken 我家门口路灯坏了 outside any flow is heard by the recogniser and starts a 路灯 report', async () => {
    const r = someone();
    const before = heardCalls;
    const reply = await r.speak('streetlight');
    expect(heardCalls).toBe(before + 1);
    expect(reply).toContain('路灯照明');
    const [voice] = await voicesOf(r.openid);
    expect(voice).toMatchObject({ transcript: '我家门口路灯坏了', transcriptSource: 'recogniser', machineTranscript: '我家门口路灯坏了', contentType: 'audio/mpeg', originalContentType: 'audio/amr' });
    expect(voice!.durationMs).toBeGreaterThan(2800);
    expect(voice!.durationMs).toBeLessThan(3800);
    // both files are in the media store: the AMR as WeChat sent it, the MP3 the console plays
    const original = await svc.media.get(voice!.originalPath);
    expect(original!.subarray(0, 6).toString('latin1')).toBe('#!AMR\n');
    expect(await svc.media.has(voice!.path)).toBe(true);
    const [line] = await svc.database.db.select().from(messages).where(eq(messages.openid, r.openid));
    expect(line).toMatchObject({ msgType: 'voice', body: '[语音] 我家门口路灯坏了' });
    expect(line!.data).toMatchObject({ voiceId: voice!.id, mediaId: voice!.mediaId });
  });

  it("WeChat's own Recognition is read back at the description (您说的是：……，对吗？); 1 takes it, and the voice is filed with the case", async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    await r.say('报修');
    await r.say('1');
    const before = heardCalls;
    expect(await r.speak('description', '三栋门口的路灯晚上不亮，已经好几天了')).toBe('您说的是：三栋门口的路灯晚上不亮，已经好几天了，对吗？回复 1 对，2 重新说');
    // WeChat heard it: the recogniser is not asked
    expect(heardCalls).toBe(before);
    expect(await r.say('1')).toContain('在哪里');
    await r.at(22.5437, 113.9305, '南头古城3栋');
    await r.say('跳过');
    await r.say('跳过');
    const filed = await r.say('1');
    expect(filed).toContain('提交成功');
    const number = caseNumber(filed);
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row!.description).toBe('三栋门口的路灯晚上不亮，已经好几天了');
    const [voice] = await voicesOf(r.openid);
    expect(voice).toMatchObject({ caseId: number, transcriptSource: 'wechat' });
  });

  it('without words the voice is the description: the resident is told staff will listen, and the case keeps the audio', async () => {
    await svc.stop();
    // no recogniser configured: nothing is sent anywhere
    svc = await startTestService({}, { db: 'postgres' });
    const r = someone();
    await r.follow('community_nantoucheng');
    await r.say('报修');
    await r.say('1');
    const before = heardCalls;
    const kept = await r.speak('description');
    expect(heardCalls).toBe(before);
    expect(kept).toContain('收到您的语音，已经记下，工作人员会听您的语音。');
    expect(kept).toContain('在哪里');
    await r.at(22.5437, 113.9305, '南头古城3栋');
    await r.say('跳过');
    await r.say('跳过');
    const filed = await r.say('1');
    const number = caseNumber(filed);
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row!.description).toBe('（语音留言，请收听录音）');
    const [voice] = await voicesOf(r.openid);
    expect(voice).toMatchObject({ caseId: number, transcript: null, transcriptSource: null });
  });

  it('at a question with choices a voice is told a tap or a number works better; outside a flow, a voice without words is kept', async () => {
    const r = someone();
    await r.say('报修');
    expect(await r.speak('streetlight')).toContain('这一步直接点选，或回复选项前的数字更方便');
    expect(await r.say('取消')).toBeTruthy();
    // a voice that can be neither kept (ffmpeg cannot read it) nor heard is not taken: the resident is asked to type
    const broken = someone();
    await broken.say('报修');
    await broken.say('1');
    const garbled = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(64, 0x7f)]).toString('base64');
    expect(await broken.send({ kind: 'voice', amr: garbled })).toContain('这条语音没能收下，请打字回复');
    expect(await broken.say('3栋门口的路灯晚上不亮')).toContain('在哪里');
    const other = someone();
    expect(await other.speak('streetlight')).toContain('收到您的语音，已经保存下来');
    expect(await voicesOf(other.openid)).toHaveLength(1);
  });
});
