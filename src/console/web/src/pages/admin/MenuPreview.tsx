import { useState, type CSSProperties } from 'react';
import type { WechatMenu, WechatMenuLeaf } from '../../../../contract.js';
import { isKnownType, TYPE_LABELS } from './MenuModel.js';

const phone: CSSProperties = {
  width: 300,
  maxWidth: '100%',
  height: 480,
  border: '10px solid #1f1f1f',
  borderRadius: 28,
  background: '#ededed',
  display: 'flex',
  flexDirection: 'column',
  overflow: 'hidden',
  position: 'relative',
  margin: '0 auto',
};
const titleBar: CSSProperties = { height: 44, flex: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#ededed', borderBottom: '1px solid #dcdcdc', fontWeight: 600 };
const bar: CSSProperties = { height: 50, flex: 'none', display: 'flex', background: '#f7f7f7', borderTop: '1px solid #d9d9d9' };
const cell: CSSProperties = {
  flex: 1,
  minWidth: 0,
  border: 'none',
  borderLeft: '1px solid #e0e0e0',
  background: 'transparent',
  fontSize: 14,
  color: '#191919',
  cursor: 'pointer',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  padding: '0 4px',
};
const popup: CSSProperties = {
  position: 'absolute',
  bottom: 58,
  background: '#fff',
  borderRadius: 6,
  boxShadow: '0 2px 10px rgba(0, 0, 0, 0.15)',
  display: 'flex',
  flexDirection: 'column',
  minWidth: 90,
  maxWidth: 180,
};
const popupItem: CSSProperties = { ...cell, borderLeft: 'none', borderTop: '1px solid #eee', padding: '12px 14px', textAlign: 'center' };

function effect(b: WechatMenuLeaf): string {
  const type = isKnownType(b.type) ? TYPE_LABELS[b.type] : b.type;
  if (b.type === 'click') return `发送「${b.key ?? ''}」给机器人`;
  if (b.type === 'view' || b.type === 'miniprogram') return `${type}：${b.url ?? ''}`;
  return type;
}

/**
 * How the menu bar looks at the bottom of the chat on a phone: the keyboard switch, up to three
 * buttons, and a group's sub-buttons popping up above it. Tapping shows what the button does.
 */
export function MenuPreview({ menu, testId = 'menu-preview' }: { menu: WechatMenu; testId?: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const [tapped, setTapped] = useState<WechatMenuLeaf | null>(null);
  const buttons = menu.button.slice(0, 3);
  const width = 100 / Math.max(buttons.length, 1);
  return (
    <div data-testid={testId}>
      <div style={phone}>
        <div style={titleBar}>民生微实事</div>
        <div style={{ flex: 1, padding: 12 }} onClick={() => setOpen(null)}>
          <div style={{ background: '#fff', borderRadius: 6, padding: '8px 10px', maxWidth: '80%', fontSize: 13 }}>您好！我是民生微实事小助手。</div>
        </div>
        {open !== null && buttons[open]?.sub_button && (
          <div style={{ ...popup, left: `calc(36px + (100% - 36px) * ${(open * width + width / 2) / 100})`, transform: 'translateX(-50%)' }}>
            {[...buttons[open]!.sub_button!].map((s, j) => (
              <button
                key={j}
                type="button"
                style={{ ...popupItem, ...(j === 0 ? { borderTop: 'none' } : {}) }}
                onClick={() => {
                  setTapped(s);
                  setOpen(null);
                }}
              >
                {s.name || '（未命名）'}
              </button>
            ))}
          </div>
        )}
        <div style={bar}>
          <span style={{ width: 36, flex: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#555' }} aria-hidden>
            ⌨
          </span>
          {buttons.map((b, i) => (
            <button
              key={i}
              type="button"
              style={{ ...cell, ...(open === i ? { background: '#e6e6e6' } : {}) }}
              title={b.name}
              data-testid={`${testId}-button-${i}`}
              onClick={() => {
                if (b.sub_button) setOpen(open === i ? null : i);
                else {
                  setOpen(null);
                  setTapped(b as WechatMenuLeaf);
                }
              }}
            >
              {b.sub_button ? <span style={{ color: '#888', marginRight: 3 }}>≡</span> : null}
              {b.name || '（未命名）'}
            </button>
          ))}
          {buttons.length === 0 && <span style={{ ...cell, cursor: 'default', color: '#999', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>没有菜单</span>}
        </div>
      </div>
      <div className="muted" style={{ textAlign: 'center', marginTop: 8, minHeight: 20 }}>
        {tapped ? `「${tapped.name}」：${effect(tapped)}` : '点一点上面的按钮，看看居民会看到什么'}
      </div>
    </div>
  );
}
