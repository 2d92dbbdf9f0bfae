import { parseHomeStatement } from '../../src/intent/home-words.js';
import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/intent/commands.js';
import { COMMAND_WORDS } from '../../src/intent/command-words.js';
import { parseCaseRef } from '../../src/intent/case-ref.js';

const cases = (rows: Array<[string, Command | null]>) => rows;

describe('parseCommand: lookup', () => {
  it.each(
    cases([
      ['查询123', { type: 'lookup', caseId: 123 }],
      ['查询 123', { type: 'lookup', caseId: 123 }],
      ['查询#123', { type: 'lookup', caseId: 123 }],
      ['查询：123', { type: 'lookup', caseId: 123 }],
      ['查询:123', { type: 'lookup', caseId: 123 }],
      ['查 123', { type: 'lookup', caseId: 123 }],
      ['查123', { type: 'lookup', caseId: 123 }],
      ['查询第123号', { type: 'lookup', caseId: 123 }],
      ['查123号', { type: 'lookup', caseId: 123 }],
      ['查询编号123', { type: 'lookup', caseId: 123 }],
      ['查询 NO.123', { type: 'lookup', caseId: 123 }],
      ['查询１２３', { type: 'lookup', caseId: 123 }],
      ['查询　＃１２３', { type: 'lookup', caseId: 123 }],
      ['  查询 123。 ', { type: 'lookup', caseId: 123 }],
      ['查 询 123', { type: 'lookup', caseId: 123 }],
      ['查进度 45', { type: 'lookup', caseId: 45 }],
      ['查询进度45', { type: 'lookup', caseId: 45 }],
      ['进度 7', { type: 'lookup', caseId: 7 }],
      ['帮我查询一下123', { type: 'lookup', caseId: 123 }],
      ['查一下123', { type: 'lookup', caseId: 123 }],
      ['请查询123谢谢', { type: 'lookup', caseId: 123 }],
      ['查询 007', { type: 'lookup', caseId: 7 }],
      ['#123', { type: 'lookup', caseId: 123 }],
      ['＃123', { type: 'lookup', caseId: 123 }],
      ['# 123号', { type: 'lookup', caseId: 123 }],
      ['查询2147483647', { type: 'lookup', caseId: 2147483647 }],
      ['查询[微笑]', { type: 'lookup_usage' }],
      ['查询', { type: 'lookup_usage' }],
      ['查询？', { type: 'lookup_usage' }],
      ['查', { type: 'lookup_usage' }],
      ['查进度', { type: 'lookup_usage' }],
      ['我要查询', { type: 'lookup_usage' }],
      ['帮我查询一下', { type: 'lookup_usage' }],
      ['查询0', { type: 'lookup_usage' }],
      ['查询2147483648', { type: 'lookup_usage' }],
      ['查询99999999999999999', { type: 'lookup_usage' }],
      // Chinese numerals, as after any command word (issue 12: 查询 三)
      ['查询 三', { type: 'lookup', caseId: 3 }],
      ['查询十二号', { type: 'lookup', caseId: 12 }],
      ['查一百零五', { type: 'lookup', caseId: 105 }],
      // a case number asked about in a sentence (issue 12: 4号办得怎么样了)
      ['4号办得怎么样了', { type: 'lookup', caseId: 4 }],
      ['请问12号报修处理了吗？', { type: 'lookup', caseId: 12 }],
      ['第三号进度如何', { type: 'lookup', caseId: 3 }],
      ['#5怎么样了', { type: 'lookup', caseId: 5 }],
      ['4号修了没有', { type: 'lookup', caseId: 4 }],
      ['7号的提议有进展吗', { type: 'lookup', caseId: 7 }],
    ]),
  )('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('parseCommand: the other commands', () => {
  it.each(
    cases([
      ['取消', { type: 'cancel' }],
      ['退出', { type: 'cancel' }],
      ['不报了', { type: 'cancel' }],
      ['不想提了', { type: 'cancel' }],
      ['不想填了', { type: 'cancel' }],
      ['我不报了', { type: 'cancel' }],
      ['算了', { type: 'cancel' }],
      ['取消吧', { type: 'cancel' }],
      ['我要取消', { type: 'cancel' }],
      ['取消！', { type: 'cancel' }],
      ['人工', { type: 'handoff' }],
      ['转人工', { type: 'handoff' }],
      ['人工客服', { type: 'handoff' }],
      ['人工 客服', { type: 'handoff' }],
      ['找人', { type: 'handoff' }],
      ['客服', { type: 'handoff' }],
      ['我要转人工', { type: 'handoff' }],
      ['请转人工，谢谢', { type: 'handoff' }],
      ['帮助', { type: 'help' }],
      ['菜单', { type: 'help' }],
      ['help', { type: 'help' }],
      ['HELP', { type: 'help' }],
      ['ｈｅｌｐ', { type: 'help' }],
      ['?', { type: 'help' }],
      ['？', { type: 'help' }],
      ['？？', { type: 'help' }],
      ['我的', { type: 'mine' }],
      ['我的进度', { type: 'mine' }],
      ['我的报修', { type: 'mine' }],
      ['查询我的', { type: 'mine' }],
      ['订阅12', { type: 'subscribe', caseId: 12 }],
      ['订阅 12', { type: 'subscribe', caseId: 12 }],
      ['关注 #12', { type: 'subscribe', caseId: 12 }],
      ['关注第12号', { type: 'subscribe', caseId: 12 }],
      ['退订12', { type: 'unsubscribe', caseId: 12 }],
      ['取消关注 12', { type: 'unsubscribe', caseId: 12 }],
      ['取消订阅：１２', { type: 'unsubscribe', caseId: 12 }],
      ['订阅社区', { type: 'subscribe_community' }],
      ['关注社区', { type: 'subscribe_community' }],
      ['我要订阅社区', { type: 'subscribe_community' }],
      ['退订社区', { type: 'unsubscribe_community' }],
      ['取消订阅社区', { type: 'unsubscribe_community' }],
      ['取消关注社区', { type: 'unsubscribe_community' }],
      ['公示', { type: 'publicity' }],
      ['项目公示', { type: 'publicity' }],
      ['统计', { type: 'stats' }],
      ['统计数据', { type: 'stats' }],
      ['我的社区', { type: 'my_community' }],
      ['我住哪个社区？', { type: 'my_community' }],
      ['换社区', { type: 'my_community' }],
      ['人工[抱拳]', { type: 'handoff' }],
      ['人工🙏', { type: 'handoff' }],
      ['\u200b取消', { type: 'cancel' }],
    ]),
  )('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('parseCommand: sentences and non-commands are not commands', () => {
  it.each([
    '我想取消订阅',
    '取消订阅',
    '路灯坏了，帮我查询一下',
    '路灯坏了 查询123',
    '我想查询一下路灯什么时候修',
    '查询电费',
    '查电费',
    '取消 12',
    '订阅',
    '关注',
    '退订',
    '订阅 0',
    '订阅 12 13',
    '查询 12 13',
    '查询 1.5',
    '订阅社区12',
    '123',
    '１２３',
    '#',
    '#abc',
    '人工智能',
    '我的路灯坏了',
    '我的天',
    '客服电话多少',
    '公示期多长',
    '统计局',
    '不报了吗你们怎么还不修',
    '取消了订单怎么办',
    '帮助老人过马路',
    '',
    '   ',
    '。',
    '[微笑]',
    '查询'.repeat(20),
    // a number that is not clearly a case, or a question that is not about one
    '4号楼怎么样了',
    '3怎么样',
    '4号了吗',
    '5号没有',
    '我住在4号楼',
    '查询三楼的灯',
  ])('%j → null', (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});

describe('command words', () => {
  it('every word parses alone to its own command type (or lookup_usage, claim_list)', () => {
    for (const entry of COMMAND_WORDS) {
      for (const word of entry.words) {
        const parsed = parseCommand(word);
        if (entry.argument === 'case_id') {
          expect(parsed, word).toBeNull();
          expect(parseCommand(`${word} 42`), word).toEqual({ type: entry.type, caseId: 42 });
        } else if (entry.argument === 'optional_case_id') {
          // alone: 查询 says how to use it, 认领 lists what waits; with a number, that case
          expect(parsed, word).toEqual({ type: entry.type === 'lookup' ? 'lookup_usage' : 'claim_list' });
          expect(parseCommand(`${word}42`), word).toEqual({ type: entry.type, caseId: 42 });
        } else {
          expect(parsed, word).toEqual({ type: entry.type });
        }
      }
    }
  });

  it('no word belongs to two commands', () => {
    const seen = new Map<string, string>();
    for (const entry of COMMAND_WORDS) {
      for (const word of entry.words) {
        expect(seen.get(word), word).toBeUndefined();
        seen.set(word, entry.type);
      }
    }
  });

  it('words are stored normalised (lower case, no spaces or punctuation)', () => {
    for (const entry of COMMAND_WORDS) {
      for (const word of entry.words) expect(word).toBe(word.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, ''));
    }
  });
});

describe('parseCaseRef', () => {
  it('reads the forms residents type', () => {
    expect(parseCaseRef('')).toEqual({ kind: 'empty' });
    expect(parseCaseRef('12')).toEqual({ kind: 'id', caseId: 12 });
    expect(parseCaseRef('#12')).toEqual({ kind: 'id', caseId: 12 });
    expect(parseCaseRef('第12号')).toEqual({ kind: 'id', caseId: 12 });
    expect(parseCaseRef('单号12')).toEqual({ kind: 'id', caseId: 12 });
    expect(parseCaseRef('0')).toEqual({ kind: 'out_of_range' });
    expect(parseCaseRef('12路灯')).toEqual({ kind: 'not_a_ref' });
    expect(parseCaseRef('电费')).toEqual({ kind: 'not_a_ref' });
  });
});

describe('parseCommand: 认领', () => {
  it('lists the wishes waiting alone, points to one with its number, and leaves sentences alone', () => {
    expect(parseCommand('认领')).toEqual({ type: 'claim_list' });
    expect(parseCommand('心愿墙')).toEqual({ type: 'claim_list' });
    expect(parseCommand('我来认领 12')).toEqual({ type: 'claim', caseId: 12 });
    expect(parseCommand('认领#12')).toEqual({ type: 'claim', caseId: 12 });
    expect(parseCommand('认领一个心愿送给老人')).toBeNull();
    // the wish flow's own keyword is not a command
    expect(parseCommand('心愿')).toBeNull();
  });
});

describe('parseHomeStatement: where the resident says they live', () => {
  it.each([
    ['我住在同乐', { place: '同乐', sure: true }],
    ['搬家了，我现在住同乐社区', { place: '同乐社区', sure: true }],
    ['我家在同乐村', { place: '同乐村', sure: true }],
    ['我们已经搬到龙珠了', { place: '龙珠', sure: true }],
    ['我是同乐社区的居民', { place: '同乐社区', sure: false }],
  ])('%s', (text, expected) => {
    expect(parseHomeStatement(text)).toEqual(expected);
  });
  it.each(['我住的楼下路灯坏了', '路灯坏了', '住', '我住在一个很大很大很大很大很大很大的小区里面靠近东门的地方'])('%s is not one', (text) => {
    expect(parseHomeStatement(text)).toBeUndefined();
  });
});

describe('parseCommand: 支持', () => {
  it('supports a proposal with its number, and leaves sentences alone', () => {
    expect(parseCommand('支持 12')).toEqual({ type: 'support', caseId: 12 });
    expect(parseCommand('我支持12号')).toEqual({ type: 'support', caseId: 12 });
    expect(parseCommand('支持#12')).toEqual({ type: 'support', caseId: 12 });
    // alone it names no proposal; in a sentence it is the resident's words
    expect(parseCommand('支持')).toBeNull();
    expect(parseCommand('我支持社区多装路灯')).toBeNull();
  });
});
