/** What a fake API handler answers: WeChat's JSON (errcode 0 = success) or a file. */
export type FakeAnswer = { errcode: number; errmsg: string; [k: string]: unknown };

export interface FakeResult {
  answer: FakeAnswer;
  /** the file of a media/get */
  file?: { buffer: Buffer; contentType: string; filename: string };
  /** the JSON text to send when it must differ from JSON.stringify(answer) (64-bit msgid) */
  rawJson?: string;
  /** what to record: the resident addressed and the body as WeChat would show it */
  openid?: string;
  recordBody?: unknown;
  /** answered without being recorded as a delivery (a client_msg_id repeat) */
  recordApi?: string;
}

export const ok = (extra: Record<string, unknown> = {}): FakeAnswer => ({ errcode: 0, errmsg: 'ok', ...extra });
export const fail = (errcode: number, errmsg: string): FakeAnswer => ({ errcode, errmsg });
