// Bottom sheets: the location picker, the QR-scene picker, a one-line prompt and a choice list.
import { h } from './dom.js';
import { PLACES } from './places.js';

const backdrop = () => document.getElementById('sheet-backdrop');
const sheet = () => document.getElementById('sheet');

export function closeSheet() {
  backdrop().hidden = true;
  sheet().replaceChildren();
}

export function openSheet(title, ...content) {
  sheet().replaceChildren(h('h2', { text: title }), ...content);
  backdrop().hidden = false;
  const first = sheet().querySelector('input, select, button');
  first?.focus({ preventScroll: true });
}

export function initSheets() {
  backdrop().addEventListener('click', (e) => {
    if (e.target === backdrop()) closeSheet();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !backdrop().hidden) closeSheet();
  });
}

const actions = (...buttons) => h('div', { class: 'actions' }, ...buttons);
const cancel = () => h('button', { type: 'button', text: '取消', onclick: closeSheet });

/** A list of choices: [{ label, detail?, current?, onpick }] */
export function choiceSheet(title, choices, extra = []) {
  const list = h('div', { class: 'list' });
  for (const c of choices) {
    list.append(
      h(
        'button',
        { type: 'button', class: c.current ? 'current' : '', onclick: () => (closeSheet(), c.onpick()) },
        h('span', { text: c.label }),
        c.detail ? h('small', { text: c.detail }) : null,
      ),
    );
  }
  openSheet(title, list, ...extra, actions(cancel()));
}

/** Preset places in 深圳, or typed coordinates and a label → onpick({ lat, lng, label, poiname }) */
export function locationSheet(title, onpick) {
  const list = h('div', { class: 'list' });
  for (const p of PLACES) {
    list.append(
      h('button', { type: 'button', onclick: () => (closeSheet(), onpick({ lat: p.lat, lng: p.lng, label: p.label, poiname: p.name })) }, h('span', { text: p.name }), h('small', { text: `${p.lat}, ${p.lng}` })),
    );
  }
  const coords = h('input', { id: 'loc-coords', inputmode: 'decimal', placeholder: '22.5431,113.9298', autocomplete: 'off' });
  const label = h('input', { id: 'loc-label', placeholder: '例如：南山区同乐村3巷路灯', autocomplete: 'off' });
  const submit = () => {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(coords.value);
    const lat = m ? Number(m[1]) : NaN;
    const lng = m ? Number(m[2]) : NaN;
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
      coords.setCustomValidity('请输入“纬度,经度”');
      coords.reportValidity();
      return;
    }
    closeSheet();
    onpick({ lat, lng, label: label.value.trim() || `${lat},${lng}`, poiname: label.value.trim() });
  };
  coords.addEventListener('input', () => coords.setCustomValidity(''));
  openSheet(
    title,
    list,
    h('label', { for: 'loc-coords', text: '或输入坐标（纬度,经度）' }),
    coords,
    h('label', { for: 'loc-label', text: '位置名称' }),
    label,
    actions(cancel(), h('button', { type: 'button', class: 'primary', text: '发送', onclick: submit })),
  );
}

/** Community QR codes (scene community_<id>) or a typed scene → onpick(scene) */
export function scanSheet(communities, onpick) {
  const choices = communities.map((c) => ({ label: c.name, detail: `${c.street} · community_${c.id}`, onpick: () => onpick(`community_${c.id}`) }));
  const scene = h('input', { id: 'scan-scene', placeholder: 'community_tongle', autocomplete: 'off' });
  const go = h('button', {
    type: 'button',
    class: 'primary',
    text: '扫描',
    onclick: () => {
      const v = scene.value.trim();
      if (!/^[\w-]{1,64}$/.test(v)) return scene.reportValidity();
      closeSheet();
      onpick(v);
    },
  });
  choiceSheet('扫描社区二维码', choices, [h('label', { for: 'scan-scene', text: '或输入二维码场景值' }), scene, actions(go)]);
}

/** One line of input → onsubmit(value) */
export function promptSheet(title, labelText, placeholder, onsubmit) {
  const input = h('input', { id: 'prompt-input', placeholder, autocomplete: 'off' });
  const ok = () => {
    closeSheet();
    onsubmit(input.value.trim());
  };
  input.addEventListener('keydown', (e) => e.key === 'Enter' && ok());
  openSheet(title, h('label', { for: 'prompt-input', text: labelText }), input, actions(cancel(), h('button', { type: 'button', class: 'primary', text: '确定', onclick: ok })));
}
