import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows-of.js';
import type { Logger } from '../log.js';
import type { SpeechRecogniser, Transcript } from '../speech/recogniser.js';
import { transcribeVoice } from '../speech/recogniser.js';
import type { StoredVoice } from '../wechat/api/media.js';
import type { InboundMessage } from '../wechat/inbound.js';
import { describeInbound } from './transcript.js';

type VoiceMessage = Extract<InboundMessage, { type: 'voice' }>;

export interface VoiceDeps {
  db: Db;
  logger: Logger;
  /** downloads and stores a voice at once (media ids expire after 3 days); the one door to media storage */
  storeVoice?: ((mediaId: string) => Promise<StoredVoice>) | undefined;
  recogniser?: SpeechRecogniser | undefined;
}

/** what a voice message gave: its row (when stored) and its words (when any were heard) */
export interface ReceivedVoice {
  voiceId: number | undefined;
  transcript: Transcript | undefined;
}

const heardIn = new WeakMap<object, ReceivedVoice>();
/** what the turn's voice gave, for the responders (set once by the bot, before it dispatches) */
export const rememberVoice = (turn: object, v: ReceivedVoice): void => void heardIn.set(turn, v);
/** whether the turn's voice is kept (stored or put into words): only then may the bot say so */
export const voiceKept = (turn: object): boolean => {
  const v = heardIn.get(turn);
  return !!v && (v.voiceId !== undefined || v.transcript !== undefined);
};

/**
 * A voice message, the moment it arrives: downloaded and kept as AMR and MP3, its words taken from
 * WeChat's Recognition or the configured recogniser, a voice_messages row written and the
 * transcript's line (written at the turn's start) pointed at it, so staff play it from the inbox.
 * A failed download or recognition is logged and the turn goes on: with WeChat's own words if it
 * sent any, else as a voice without words.
 */
export async function receiveVoice(d: VoiceDeps, msg: VoiceMessage, at: Date): Promise<ReceivedVoice> {
  const wechat = msg.recognition.trim() ? { text: msg.recognition.trim(), source: 'wechat' as const } : undefined;
  let stored: StoredVoice | undefined;
  try {
    stored = await d.storeVoice?.(msg.mediaId);
  } catch (err) {
    d.logger.warn({ openid: msg.fromUser, mediaId: msg.mediaId, err: errText(err) }, 'voice download failed');
  }
  if (!stored) return { voiceId: undefined, transcript: wechat };
  let transcript: Transcript | undefined = wechat;
  try {
    const v = stored;
    transcript = await transcribeVoice(msg.recognition, () => ({ buffer: v.playableBytes, contentType: v.playable.contentType, filename: 'voice.mp3', durationMs: v.durationMs }), d.recogniser);
  } catch (err) {
    d.logger.warn({ openid: msg.fromUser, mediaId: msg.mediaId, recogniser: d.recogniser?.name, err: errText(err) }, 'voice not recognised');
  }
  const voiceId = await recordVoice(d.db, msg, stored, transcript, at);
  return { voiceId, transcript };
}

/** the row (once per media id, whatever WeChat re-sends) and the transcript line pointing at it */
async function recordVoice(db: Db, msg: VoiceMessage, v: StoredVoice, t: Transcript | undefined, at: Date): Promise<number | undefined> {
  const when = at.toISOString();
  const rows = await db.execute(sql`
    with ins as (
      insert into voice_messages (openid, media_id, original_path, original_content_type, path, content_type, sha256, bytes, duration_ms, transcript, transcript_source, machine_transcript, created_at)
      values (${msg.fromUser}, ${msg.mediaId}, ${v.original.path}, ${v.original.contentType}, ${v.playable.path}, ${v.playable.contentType}, ${v.playable.sha256},
        ${v.playable.bytes}, ${v.durationMs}, ${t?.text ?? null}, ${t?.source ?? null}, ${t?.text ?? null}, ${when}::timestamptz)
      on conflict (media_id) do nothing
      returning id
    ), voice as (
      select id from ins union all select id from voice_messages where media_id = ${msg.mediaId} and not exists (select 1 from ins)
    ), line as (
      update messages set data = data || jsonb_build_object('voiceId', (select id from voice limit 1), 'durationMs', ${v.durationMs}::int),
        body = ${describeInbound({ ...msg, recognition: t?.text ?? '' }).body}
      where openid = ${msg.fromUser} and direction = 'in' and msg_type = 'voice' and data->>'mediaId' = ${msg.mediaId}
      returning id
    )
    select (select id from voice limit 1) as id`);
  const row = rowsOf(rows)[0];
  return row?.id === undefined || row.id === null ? undefined : Number(row.id);
}

/**
 * The voices a resident sent while a flow was open, filed with the case it submitted: those of
 * this resident since the flow started that belong to no case yet.
 */
export async function fileVoicesWithCase(db: Db, o: { openid: string; caseId: number; since: string }): Promise<void> {
  await db.execute(sql`update voice_messages set case_id = ${o.caseId} where openid = ${o.openid} and case_id is null and created_at >= ${o.since}::timestamptz`);
}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));
