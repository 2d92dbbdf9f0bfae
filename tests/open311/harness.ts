import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Koa from 'koa';
import { expect } from 'vitest';
import { defaultCategories } from '../../src/civic/categories.js';
import { requestContext } from '../../src/http/error-middleware.js';
import { silentLogger } from '../../src/log.js';
import { createKey, createOpen311 } from '../../src/open311/index.js';
import { createPublicPages } from '../../src/public/index.js';
import { startConsole, type ConsoleHarness } from '../console/harness.js';

export const PUBLIC_URL = 'https://minsheng.example.cn';

/** GeoReport v2 JSON Schemas written from the spec's tables (georeport-v2.schema.json) */
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addSchema(JSON.parse(readFileSync(path.join(import.meta.dirname, 'georeport-v2.schema.json'), 'utf8')));
export type SpecShape = 'services' | 'serviceDefinition' | 'postResponse' | 'requests' | 'errors' | 'discovery';

/** the JSON answer is what the spec defines */
export function expectSpec(shape: SpecShape, body: unknown): void {
  const validate = ajv.getSchema(`georeport-v2#/$defs/${shape}`)!;
  const ok = validate(body);
  expect(ok ? [] : validate.errors, `${shape}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });

/** well-formed, declared UTF-8, parsed back (list elements always arrays, every value text) */
export function parseXml(text: string): any {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text);
}

export interface Answer {
  status: number;
  type: string;
  text: string;
  json: any;
}

export interface Open311Harness {
  h: ConsoleHarness;
  url: string;
  /** a live key of every street, and one limited to 南头 */
  key: string;
  nantouKey: string;
  nantouKeyId: number;
  get(p: string): Promise<Answer>;
  /** a form-encoded POST, as the spec says */
  post(p: string, form: Record<string, string> | [string, string][]): Promise<Answer>;
  close(): Promise<void>;
}

export async function startOpen311(): Promise<Open311Harness> {
  const h = await startConsole('postgres');
  const app = new Koa();
  app.silent = true;
  app.use(requestContext(silentLogger, { jsonErrorsUnder: [] }));
  app.use(createOpen311({ db: h.db, categories: defaultCategories(), publicUrl: PUBLIC_URL, now: h.clock.now }));
  app.use(createPublicPages({ db: h.db, publicUrl: PUBLIC_URL, media: h.media, now: h.clock.now }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const all = await createKey(h.db, { name: '12345 平台' }, { staffId: null, now: h.clock.now() });
  const nantou = await createKey(h.db, { name: '南头巡查 App', streetIds: ['nantou'] }, { staffId: null, now: h.clock.now() });
  const answer = async (res: Response): Promise<Answer> => {
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, text, json: type.includes('json') ? JSON.parse(text) : undefined };
  };
  return {
    h,
    url,
    key: all.key,
    nantouKey: nantou.key,
    nantouKeyId: nantou.row.id,
    get: async (p) => answer(await fetch(url + p)),
    post: async (p, form) =>
      answer(await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.close();
    },
  };
}

/** 同乐社区 (南头街道), 龙珠社区 (桃源街道): WGS-84 points inside each */
export const TONGLE = { lat: '22.5561', long: '113.9141' };
export const LONGZHU = { lat: '22.5661', long: '113.9461' };
