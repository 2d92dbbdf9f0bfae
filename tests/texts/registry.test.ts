import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBotTexts } from '../../src/runtime/bot-texts.js';
import { loadPushTexts } from '../../src/notify/push-config.js';
import { assertTextFiles, checkTextFiles, TEXT_FILES } from '../../src/texts/registry.js';
import { flowsDir } from '../../src/texts/text-spec.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** a copy of flows/ to spoil */
function copyOfFlows(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'texts-registry-'));
  dirs.push(dir);
  for (const f of readdirSync(flowsDir)) if (/\.ya?ml$/.test(f)) copyFileSync(path.join(flowsDir, f), path.join(dir, f));
  return dir;
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} has ${String(from)}`).not.toBe(text);
  writeFileSync(file, next);
};

describe('the text registry', () => {
  it('lists every text file in flows/ but the engine locale, and each is fine', () => {
    const onDisk = readdirSync(flowsDir).filter((f) => /\.zh-CN\.yaml$/.test(f) && f !== 'locale.zh-CN.yaml');
    expect(TEXT_FILES.map((f) => f.name).sort()).toEqual(onDisk.sort());
    expect(checkTextFiles().filter((f) => f.problems.length)).toEqual([]);
    expect(() => assertTextFiles()).not.toThrow();
  });

  it('a {{numbr}} typo in the bot texts stops the start, with every other problem', () => {
    const dir = copyOfFlows();
    edit(path.join(dir, 'bot.zh-CN.yaml'), '编号 {{number}} 的事项', '编号 {{numbr}} 的事项');
    edit(path.join(dir, 'push.zh-CN.yaml'), /^ {2}short: 问题解决了吗？.*$/m, '  short: 问题解决了吗？回复1表示已经解决了，回复2表示还没有解决');
    edit(path.join(dir, 'console.zh-CN.yaml'), /^ {2}staffReplied: .*$/m, '  staffReplied: "{{staff}}已回复您"');
    let message = '';
    try {
      assertTextFiles(dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/bot\.zh-CN\.yaml: caseNotFound: unknown placeholder \{\{numbr\}\}/);
    expect(message).toMatch(/bot\.zh-CN\.yaml: caseNotFound: lacks placeholder \{\{number\}\}/);
    expect(message).toMatch(/push\.zh-CN\.yaml: askFeedback\.short: a template field: one line of at most 20 characters/);
    expect(message).toMatch(/console\.zh-CN\.yaml: residents\.staffReplied: unknown placeholder \{\{staff\}\} \(this text takes none\)/);
    // and each owner's own loader refuses the same file
    expect(() => loadBotTexts(path.join(dir, 'bot.zh-CN.yaml'))).toThrow(/caseNotFound: unknown placeholder \{\{numbr\}\}/);
    expect(() => loadPushTexts(path.join(dir, 'push.zh-CN.yaml'))).toThrow(/askFeedback\.short/);
  });

  it('a placeholder the code offers may be left out where the spec says so ({{number}} of updates.note)', () => {
    const dir = copyOfFlows();
    edit(path.join(dir, 'push.zh-CN.yaml'), /^  note: .*$/m, '  note: "#{{number}} 有新进展"');
    expect(loadPushTexts(path.join(dir, 'push.zh-CN.yaml')).updates.note).toBe('#{{number}} 有新进展');
  });
});
