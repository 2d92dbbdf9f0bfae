import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { eventSchema, inputSchema, triggerSchema, type Event, type SprintResult } from '../../../src/engine/index.js';

/**
 * One golden case, flows/__tests__/<flow>.<case>.json: a trigger and the inputs that follow, each
 * with what the resident reads (`replies`), the events (a bare type for reply and wait, the full
 * event otherwise) and part of the session afterwards. `expect` of the start sprint sits at the top.
 */
const expectSchema = z.object({
  replies: z.array(z.string()),
  events: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
  session: z.record(z.string(), z.unknown()).optional(),
});
export type Expect = z.infer<typeof expectSchema>;

export const goldenCaseSchema = z.object({
  description: z.string().min(1),
  trigger: triggerSchema,
  /** the clock's start, and the communities a `community` node offers */
  ctx: z.object({
    clock: z.iso.datetime(),
    communities: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()).optional() })).optional(),
  }),
  expect: expectSchema.optional(),
  steps: z.array(z.object({ note: z.string().optional(), input: inputSchema, expect: expectSchema.optional() })),
});
export type GoldenCase = z.infer<typeof goldenCaseSchema>;

export interface CaseFile {
  file: string;
  flowId: string;
  name: string;
  raw: Record<string, unknown>;
  golden: GoldenCase;
}

export function readCases(dir: string): CaseFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const [flowId = '', name = ''] = f.replace(/\.json$/, '').split(/\.(.*)/s);
      const raw = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
      return { file: path.join(dir, f), flowId, name, raw, golden: goldenCaseSchema.parse(raw) };
    });
}

const sessionKeys = ['status', 'nodeId', 'attempts', 'pendingCancel', 'pendingDraft', 'returnTo'] as const;

/** What a sprint is compared on. */
export function summarise(r: SprintResult): Expect {
  const session: Record<string, unknown> = {};
  for (const k of sessionKeys) if (r.session[k] !== undefined) session[k] = r.session[k];
  return {
    replies: r.events.flatMap((e) => (e.type === 'reply' ? [e.text] : [])),
    events: r.events.map((e) => (e.type === 'reply' || e.type === 'wait' ? e.type : e)),
    session,
  };
}

/** Every event the engine emitted must parse with its schema. */
export function invalidEvents(events: Event[]): string[] {
  return events.flatMap((e) => {
    const r = eventSchema.safeParse(e);
    return r.success ? [] : [`${e.type}: ${r.error.issues.map((i) => i.message).join('; ')}`];
  });
}
