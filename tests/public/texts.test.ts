import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkTextFile, parseTexts } from '../../src/texts/text-spec.js';
import { fillHtml, html } from '../../src/public/html.js';
import { publicTextSpec, publicTextsFile } from '../../src/public/public-texts.js';
import { PROJECT_GROUPS, stagePath } from '../../src/public/stages.js';
import { publicTexts } from '../../src/public/texts.js';

describe('the public pages read their words from flows/public.zh-CN.yaml', () => {
  it('the file is complete', () => {
    expect(checkTextFile(publicTextSpec, publicTextsFile).problems).toEqual([]);
    expect(stagePath('report', 'in_progress').steps).toEqual(['已提交', '已受理', '处理中', '已办结', '已评价']);
    expect(PROJECT_GROUPS.map((g) => g.title)).toEqual(Object.values(publicTexts.community.groups));
  });

  it('a missing key or a bad placeholder is refused with the key named', () => {
    const raw = parse(readFileSync(publicTextsFile, 'utf8'));
    delete raw.case.facts.onTime;
    raw.publicity.period = '公示期 {{range}}';
    raw.case.state = '当前状态：{{stauts}}';
    const { problems } = parseTexts(publicTextSpec, raw, 'flows/public.zh-CN.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'flows/public.zh-CN.yaml', key: 'case.facts.onTime', message: 'text is missing' },
        { file: 'flows/public.zh-CN.yaml', key: 'publicity.period', message: 'lacks placeholder {{left}}' },
        { file: 'flows/public.zh-CN.yaml', key: 'case.state', message: 'unknown placeholder {{stauts}} (this text may use {{status}})' },
      ]),
    );
  });

  it('fillHtml escapes the text and string values, and inserts markup values as they are', () => {
    const out = fillHtml('<b>{{name}}</b> & {{link}}', { name: '<script>', link: html`<a href="/c/1">${'编号 1'}</a>` });
    expect(out.value).toBe('&lt;b&gt;&lt;script&gt;&lt;/b&gt; &amp; <a href="/c/1">编号 1</a>');
    expect(fillHtml('{{unknown}}', {}).value).toBe('{{unknown}}');
  });
});
