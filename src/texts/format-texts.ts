import path from 'node:path';
import { flowsDir, plain, type TextSpec } from './text-spec.js';

/** What flows/formats.zh-CN.yaml must hold (see text-spec.ts). */
export const formatTextSpec = {
  date: { monthDay: ['month', 'day'], withYear: ['year', 'monthDay'] },
  money: { yuan: ['amount'], wan: ['amount'], ...plain(['unknown']) },
} as const satisfies TextSpec;

export const formatTextsFile = path.join(flowsDir, 'formats.zh-CN.yaml');
