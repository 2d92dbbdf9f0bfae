import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../china-time.js';
import { chinaDate, defaultCalendar, type WorkingCalendar } from './calendar.js';
import { readYamlFile } from '../config/yaml-file.js';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

const dutySchema = z
  .object({ from: hhmm, to: hhmm })
  .refine((d) => d.from < d.to, { message: 'duty.from must be before duty.to (the same day)' });

const words = z.array(z.string().trim().min(1)).min(1);
const fileSchema = z.object({
  duty: dutySchema,
  idleCloseMinutes: z.number().int().min(5).max(7 * 24 * 60),
  rating: z.object({ satisfied: words, fair: words, unsatisfied: words }),
});

export type ServiceRating = 'satisfied' | 'fair' | 'unsatisfied';
export const SERVICE_RATINGS: readonly ServiceRating[] = ['satisfied', 'fair', 'unsatisfied'];

/** When staff answer residents: working days of the calendar, between two China-time minutes of the day. */
export interface DutyHours {
  /** minutes after midnight, China time */
  from: number;
  to: number;
  calendar: WorkingCalendar;
}

export const defaultHandoffFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/handoff.yaml');

function loadHandoffFile(file: string): z.output<typeof fileSchema> {
  return readYamlFile(file, fileSchema);
}

export function loadDutyHours(file: string = defaultHandoffFile, calendar: WorkingCalendar = defaultCalendar()): DutyHours {
  return { ...loadHandoffFile(file).duty, calendar };
}

const compact = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();

/** reads a resident's answer to 请为本次人工服务评价 with config/handoff.yaml's words; undefined: not a rating */
export function serviceRatingReader(file: string = defaultHandoffFile): (text: string) => ServiceRating | undefined {
  const { rating } = loadHandoffFile(file);
  const byWord = new Map<string, ServiceRating>();
  for (const r of SERVICE_RATINGS) for (const w of rating[r]) byWord.set(compact(w), r);
  return (text) => byWord.get(compact(text));
}

/** how long a ticket may stay without a message before it closes by itself (config/handoff.yaml) */
export function loadIdleCloseMinutes(file: string = defaultHandoffFile): number {
  return loadHandoffFile(file).idleCloseMinutes;
}

/** HH:MM as residents read it (9:00, 18:00) */
export const clockText = (minutes: number): string => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * When someone will next answer: undefined while staff are on duty, otherwise the instant the next
 * duty period starts (later today, or the next working day's start).
 */
export function nextOnDuty(now: Date, duty: DutyHours): Date | undefined {
  const today = chinaDate(now);
  const minute = Math.floor((now.getTime() + CHINA_OFFSET_MS - Date.parse(`${today}T00:00:00Z`)) / 60_000);
  if (duty.calendar.isWorkingDay(today)) {
    if (minute >= duty.from && minute < duty.to) return undefined;
    if (minute < duty.from) return startOn(today, duty);
  }
  let date = today;
  // a calendar without a working day in a year is a broken file; stop looking rather than loop
  for (let i = 0; i < 366; i++) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (duty.calendar.isWorkingDay(date)) return startOn(date, duty);
  }
  throw new Error('no working day within a year: check config/holidays.yaml');
}

const startOn = (date: string, duty: DutyHours): Date => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS + duty.from * 60_000);
