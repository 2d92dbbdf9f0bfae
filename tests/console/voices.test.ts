import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCommunity, ensureResident } from '../../src/civic/index.js';
import { auditLog, voiceMessages } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { OFFICIAL_ID } from '../helpers/wechat.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

let msgSeq = 7_250_021_412_600_900_000n;
const amr = readFileSync(new URL('../media/fixtures/streetlight.amr', import.meta.url));

/** A resident's voice in the console: played from the inbox, its words corrected by staff. */
describe('voices in the console', () => {
  let h: ConsoleHarness;
  let bot: MessageHandler;
  let worker: Client;

  const deliver = async (openid: string, msg: { type: 'text'; content: string } | { type: 'voice'; mediaId: string; format: string; recognition: string }) => {
    h.fake!.api.noteInbound(openid, 'message');
    const id = String(++msgSeq);
    await bot({ toUser: OFFICIAL_ID, fromUser: openid, createTime: Math.floor(h.clock.now().getTime() / 1000), msgId: id, ...msg }, { dedupeKey: id });
  };

  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    await h.user('w1', 'community', { communityId: 'nantoucheng' });
    worker = await h.login('w1');
    bot = (await createRuntime({ db: h.db, store: h.store, logger: silentLogger, api: () => h.api, media: h.media, publicUrl: () => 'http://127.0.0.1', now: h.clock.now })).handler;
  });
  afterAll(() => h.close());

  it('a voice sent to staff plays in the inbox as MP3; staff write its words, audited, and the transcript shows them', async () => {
    const openid = 'o-voice-inbox';
    await ensureResident(h.db, openid, h.clock.now());
    await bindCommunity(h.db, openid, 'nantoucheng', h.clock.now());
    await deliver(openid, { type: 'text', content: '人工' });
    h.fake!.api.registerMedia('media-voice-1', amr, 'audio/amr');
    await deliver(openid, { type: 'voice', mediaId: 'media-voice-1', format: 'amr', recognition: '' });

    const list = await worker.get('/api/console/inbox');
    const ticket = list.json.items[0];
    const detail = await worker.get(`/api/console/inbox/${ticket.id}`);
    const entry = detail.json.transcript.find((m: { msgType: string }) => m.msgType === 'voice');
    expect(entry.voice).toMatchObject({ transcript: null, transcriptSource: null, caseId: null });
    expect(entry.voice.durationMs).toBeGreaterThan(2800);

    const audio = await worker.get(`/api/console/voices/${entry.voice.id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    // an MP3: an ID3 tag or a frame sync at the start
    expect(audio.body.subarray(0, 3).toString('latin1') === 'ID3' || (audio.body[0] === 0xff && (audio.body[1]! & 0xe0) === 0xe0)).toBe(true);

    const fixed = await worker.patch(`/api/console/voices/${entry.voice.id}/transcript`, { transcript: '  我家门口路灯坏了 ' });
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({ transcript: '我家门口路灯坏了', transcriptSource: 'staff', machineTranscript: null });
    expect(fixed.json.correctedByName).toBeTruthy();
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.target, `voice:${entry.voice.id}`));
    expect(audit).toMatchObject({ action: 'voice.transcript' });
    const again = await worker.get(`/api/console/inbox/${ticket.id}`);
    expect(again.json.transcript.find((m: { msgType: string }) => m.msgType === 'voice').voice.transcript).toBe('我家门口路灯坏了');
    expect(await worker.patch(`/api/console/voices/${entry.voice.id}/transcript`, { transcript: '   ' })).toMatchObject({ status: 400 });
  });

  it('a correction keeps what the machine heard', async () => {
    const [row] = await h.db
      .insert(voiceMessages)
      .values({ openid: 'o-voice-inbox', mediaId: 'media-voice-2', originalPath: 'x.amr', originalContentType: 'audio/amr', path: 'x.mp3', contentType: 'audio/mpeg', sha256: 'ab', bytes: 1, durationMs: 1000, transcript: '三洞门口', transcriptSource: 'recogniser', machineTranscript: '三洞门口' })
      .returning();
    const fixed = await worker.patch(`/api/console/voices/${row!.id}/transcript`, { transcript: '三栋门口' });
    expect(fixed.json).toMatchObject({ transcript: '三栋门口', transcriptSource: 'staff', machineTranscript: '三洞门口' });
    // the file is gone: 404, not a crash
    expect((await worker.get(`/api/console/voices/${row!.id}/audio`)).status).toBe(404);
  });
});
