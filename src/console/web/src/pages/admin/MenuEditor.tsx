import type { ReactNode } from 'react';
import { AutoComplete, Button, Card, Input, Radio, Select, Space, Typography } from 'antd';
import { MENU_LIMITS, type BotWord } from '../../../../contract.js';
import {
  BUTTON_TYPES,
  byteLength,
  isEventType,
  isKnownType,
  asLeaf,
  newButton,
  newLeaf,
  TYPE_HINTS,
  TYPE_LABELS,
  type EditButton,
  type EditLeaf,
} from './MenuModel.js';

const SOURCE_LABELS: Record<BotWord['source'], string> = { command: '指令', flow: '办事流程', keyword: '关键词回复' };

/** "8 / 16 字节", red past the limit */
export function ByteCount({ text, max, testId }: { text: string; max: number; testId?: string }) {
  const n = byteLength(text.trim());
  return (
    <span className="muted" style={n > max ? { color: '#cf1322' } : undefined} data-testid={testId}>
      {n} / {max} 字节
    </span>
  );
}

/** a label beside its input */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <span style={{ width: 64, flex: 'none', color: 'rgba(0, 0, 0, 0.65)' }}>{label}</span>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </div>
  );
}

function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const next = [...list];
  const j = i + by;
  if (j < 0 || j >= next.length) return next;
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** 上移 / 下移 / 删除 for one button */
function Order({ index, count, onMove, onRemove, what }: { index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void; what: string }) {
  return (
    <Space size={0}>
      <Button type="link" size="small" disabled={index === 0} onClick={() => onMove(-1)}>
        {what === '子菜单' ? '上移' : '左移'}
      </Button>
      <Button type="link" size="small" disabled={index === count - 1} onClick={() => onMove(1)}>
        {what === '子菜单' ? '下移' : '右移'}
      </Button>
      <Button type="link" size="small" danger onClick={onRemove}>
        删除
      </Button>
    </Space>
  );
}

/** the type and what the type needs: the key a click sends, a page's address … */
function LeafFields({ leaf, onChange, words, testId }: { leaf: EditLeaf; onChange: (l: EditLeaf) => void; words: readonly BotWord[]; testId: string }) {
  const set = (patch: Partial<EditLeaf>) => onChange({ ...leaf, ...patch });
  const known = isKnownType(leaf.type);
  const typed = leaf.key.trim();
  const word = words.find((w) => w.word === typed);
  const options = (['command', 'flow', 'keyword'] as const)
    .map((source) => ({
      label: SOURCE_LABELS[source],
      options: words
        .filter((w) => w.source === source && (!typed || w.word.includes(typed) || w.means.includes(typed)))
        .map((w) => ({ value: w.word, label: `${w.word} — ${w.means}` })),
    }))
    .filter((g) => g.options.length);
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      <Field label="类型">
        <Select
          style={{ width: '100%', maxWidth: 280 }}
          value={leaf.type}
          onChange={(type: string) => set({ type, ...(isEventType(type) && type !== 'click' && !leaf.key ? { key: leaf.name.trim() } : {}) })}
          options={[
            ...BUTTON_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })),
            ...(known ? [] : [{ value: leaf.type, label: `其他（${leaf.type}）` }]),
          ]}
          data-testid={`${testId}-type`}
        />
      </Field>
      {known && <Typography.Text type="secondary">{TYPE_HINTS[leaf.type as keyof typeof TYPE_HINTS]}</Typography.Text>}
      {leaf.type === 'click' && (
        <Field label="关键词">
          <AutoComplete
            style={{ width: '100%' }}
            value={leaf.key}
            options={options}
            onChange={(key: string) => set({ key })}
            placeholder="选择机器人认识的词，或直接输入"
            data-testid={`${testId}-key`}
          />
          <div className="muted" style={{ marginTop: 4 }}>
            <ByteCount text={leaf.key} max={MENU_LIMITS.key} />{' '}
            {typed && (word ? `· ${word.means}` : '· 不在机器人的词表里，保存时会再核对')}
          </div>
        </Field>
      )}
      {isEventType(leaf.type) && leaf.type !== 'click' && (
        <Field label="事件标识">
          <Input value={leaf.key} onChange={(e) => set({ key: e.target.value })} placeholder="留空则与名称相同" suffix={<ByteCount text={leaf.key} max={MENU_LIMITS.key} />} />
        </Field>
      )}
      {(leaf.type === 'view' || leaf.type === 'miniprogram') && (
        <Field label={leaf.type === 'view' ? '网址' : '备用网页'}>
          <Input value={leaf.url} onChange={(e) => set({ url: e.target.value })} placeholder="https://" data-testid={`${testId}-url`} />
        </Field>
      )}
      {leaf.type === 'miniprogram' && (
        <>
          <Field label="AppID">
            <Input value={leaf.appid} onChange={(e) => set({ appid: e.target.value })} />
          </Field>
          <Field label="页面路径">
            <Input value={leaf.pagepath} onChange={(e) => set({ pagepath: e.target.value })} placeholder="pages/index/index" />
          </Field>
        </>
      )}
      {leaf.type === 'article_id' && (
        <Field label="已发表图文的 ID">
          <Input value={leaf.articleId} onChange={(e) => set({ articleId: e.target.value })} />
        </Field>
      )}
    </Space>
  );
}

/**
 * The structured menu editor: up to 3 buttons along the bottom of the chat, each a single button or
 * a group of 1–5 sub-buttons, with byte counters against WeChat's limits as staff type.
 */
export function MenuEditor({ buttons, onChange, words }: { buttons: EditButton[]; onChange: (b: EditButton[]) => void; words: readonly BotWord[] }) {
  const setButton = (i: number, b: EditButton) => onChange(buttons.map((x, k) => (k === i ? b : x)));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="menu-editor">
      {buttons.map((b, i) => (
        <Card
          key={b.uid}
          size="small"
          title={`第 ${i + 1} 个菜单`}
          extra={<Order index={i} count={buttons.length} what="菜单" onMove={(by) => onChange(move(buttons, i, by))} onRemove={() => onChange(buttons.filter((_, k) => k !== i))} />}
        >
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Field label="名称">
              <Input
                value={b.name}
                onChange={(e) => setButton(i, { ...b, name: e.target.value })}
                suffix={<ByteCount text={b.name} max={MENU_LIMITS.topName} testId={`menu-name-count-${i}`} />}
                placeholder="最多 5 个汉字"
                data-testid={`menu-name-${i}`}
              />
            </Field>
            <Radio.Group
              value={b.group ? 'group' : 'single'}
              onChange={(e) => setButton(i, { ...b, group: e.target.value === 'group', subs: b.subs.length ? b.subs : [asLeaf(b)] })}
              options={[
                { value: 'single', label: '单个按钮' },
                { value: 'group', label: '子菜单组（点开后 1–5 项）' },
              ]}
            />
            {b.group ? (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {b.subs.map((s, j) => (
                  <div key={s.uid} className="menu-sub" style={{ border: '1px solid #e8ecf1', borderRadius: 6, padding: 8 }}>
                    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                      <Typography.Text type="secondary">子菜单 {j + 1}</Typography.Text>
                      <Order
                        index={j}
                        count={b.subs.length}
                        what="子菜单"
                        onMove={(by) => setButton(i, { ...b, subs: move(b.subs, j, by) })}
                        onRemove={() => setButton(i, { ...b, subs: b.subs.filter((_, k) => k !== j) })}
                      />
                    </Space>
                    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                      <Field label="名称">
                        <Input
                          value={s.name}
                          onChange={(e) => setButton(i, { ...b, subs: b.subs.map((x, k) => (k === j ? { ...s, name: e.target.value } : x)) })}
                          suffix={<ByteCount text={s.name} max={MENU_LIMITS.subName} />}
                          placeholder="最多 20 个汉字"
                          data-testid={`menu-sub-name-${i}-${j}`}
                        />
                      </Field>
                      <LeafFields
                        leaf={s}
                        words={words}
                        testId={`menu-sub-${i}-${j}`}
                        onChange={(l) => setButton(i, { ...b, subs: b.subs.map((x, k) => (k === j ? l : x)) })}
                      />
                    </Space>
                  </div>
                ))}
                <Button size="small" disabled={b.subs.length >= MENU_LIMITS.subButtons} onClick={() => setButton(i, { ...b, subs: [...b.subs, newLeaf()] })}>
                  添加子菜单（{b.subs.length} / {MENU_LIMITS.subButtons}）
                </Button>
              </Space>
            ) : (
              <LeafFields leaf={b} words={words} testId={`menu-${i}`} onChange={(l) => setButton(i, { ...b, ...l })} />
            )}
          </Space>
        </Card>
      ))}
      <Button block type="dashed" disabled={buttons.length >= MENU_LIMITS.buttons} onClick={() => onChange([...buttons, newButton()])} data-testid="menu-add">
        添加一级菜单（{buttons.length} / {MENU_LIMITS.buttons}）
      </Button>
    </Space>
  );
}
