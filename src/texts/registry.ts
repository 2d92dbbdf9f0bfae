import path from 'node:path';
import { civicTextSpec, civicTextsFile } from '../civic/civic-texts.js';
import { kindsTextSpec, kindTextsFile } from '../civic/kinds/kind-texts.js';
import { consoleTextRefine, consoleTextSpec, consoleTextsFile } from '../console/console-texts.js';
import { defaultPushTextsFile, pushTextRefine, pushTextSpec } from '../notify/push-config.js';
import { publicTextSpec, publicTextsFile } from '../public/public-texts.js';
import { botTextSpec, botTextsFile } from '../runtime/bot-texts.js';
import { formatTextSpec, formatTextsFile } from './format-texts.js';
import { checkTextFile, flowsDir, formatTextProblem, type TextProblem, type TextRefine, type TextSpec } from './text-spec.js';

/** one registered text file: its name in flows/, and how to check it in a given directory */
export interface RegisteredTextFile {
  readonly name: string;
  check(dir: string): TextProblem[];
}

const registered = <S extends TextSpec>(file: string, spec: S, refine?: TextRefine<S>): RegisteredTextFile => {
  const name = path.basename(file);
  return { name, check: (dir) => checkTextFile(spec, path.join(dir, name), refine).problems };
};

/**
 * Every text file in flows/ that TypeScript reads, each once with the spec its owner loads it by
 * (loadTextFile with the same spec and refine). `npm run flows:check` and the service's start both
 * run checkTextFiles over this list, so what one accepts the other does. The flows and the engine's
 * locale.zh-CN.yaml are checked by loadFlows. This is the one module of src/texts that imports the
 * owners: only the composition roots (src/cli, src/service.ts) import it.
 */
export const TEXT_FILES: readonly RegisteredTextFile[] = [
  registered(botTextsFile, botTextSpec),
  registered(civicTextsFile, civicTextSpec),
  registered(kindTextsFile, kindsTextSpec),
  registered(publicTextsFile, publicTextSpec),
  registered(formatTextsFile, formatTextSpec),
  registered(defaultPushTextsFile, pushTextSpec, pushTextRefine),
  registered(consoleTextsFile, consoleTextSpec, consoleTextRefine),
];

/** every registered text file checked in `dir`: its problems, none when it is fine */
export function checkTextFiles(dir = flowsDir): { name: string; problems: TextProblem[] }[] {
  return TEXT_FILES.map((f) => ({ name: f.name, problems: f.check(dir) }));
}

/** at start: every problem of every text file at once, instead of the first loader's */
export function assertTextFiles(dir = flowsDir): void {
  const problems = checkTextFiles(dir).flatMap((f) => f.problems);
  if (problems.length) throw new Error(`texts not loaded:\n${problems.map(formatTextProblem).join('\n')}`);
}
