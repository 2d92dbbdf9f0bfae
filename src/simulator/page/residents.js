// The residents this browser plays, remembered in localStorage: [{ openid, name }] and the current one.
import { h } from './dom.js';
import { choiceSheet, closeSheet } from './sheets.js';

const LIST = 'sim.residents';
const CURRENT = 'sim.current';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

function load() {
  try {
    const list = JSON.parse(localStorage.getItem(LIST) ?? '[]');
    return Array.isArray(list) ? list.filter((r) => r && OPENID.test(r.openid)).map((r) => ({ openid: r.openid, name: String(r.name ?? '') })) : [];
  } catch {
    return [];
  }
}

const save = (list) => localStorage.setItem(LIST, JSON.stringify(list));

/** A WeChat-like openid: "o" and 27 URL-safe characters. */
export function newOpenid() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return `o${Array.from(bytes, (b) => alphabet[b & 63]).join('')}`;
}

export function residents() {
  return load();
}

export function currentResident() {
  const list = load();
  const id = localStorage.getItem(CURRENT);
  return list.find((r) => r.openid === id) ?? list[0];
}

export function useResident(openid, name) {
  const list = load();
  if (!list.some((r) => r.openid === openid)) list.push({ openid, name: name || `居民${list.length + 1}` });
  save(list);
  localStorage.setItem(CURRENT, openid);
  return list.find((r) => r.openid === openid);
}

export function createResident(name) {
  return useResident(newOpenid(), name);
}

export const displayName = (r) => r.name || `${r.openid.slice(0, 8)}…`;

/**
 * Pick a resident: the ones kept here, the others the server has seen, a new one (optionally
 * following by scanning a community code), or an existing openid typed in.
 * onchange(resident, { followScene? | follow: boolean })
 */
export function residentSheet(serverResidents, communities, onchange) {
  const mine = load();
  const current = currentResident();
  const known = new Set(mine.map((r) => r.openid));
  const choices = [
    ...mine.map((r) => ({ label: displayName(r), detail: r.openid, current: r.openid === current?.openid, onpick: () => onchange(useResident(r.openid), {}) })),
    ...serverResidents
      .filter((r) => !known.has(r.openid))
      .map((r) => ({ label: `${r.openid.slice(0, 10)}…`, detail: `已发送 ${r.sent} 条`, onpick: () => onchange(useResident(r.openid), {}) })),
  ];
  const name = h('input', { id: 'res-name', placeholder: '例如：张阿姨', maxlength: '12', autocomplete: 'off' });
  const scene = h('select', { id: 'res-scene' }, h('option', { value: '', text: '直接关注（不扫码）' }), ...communities.map((c) => h('option', { value: `community_${c.id}`, text: `扫码关注：${c.name}` })));
  const openid = h('input', { id: 'res-openid', placeholder: 'oXXXX…（可选：沿用已有 openid）', autocomplete: 'off' });
  const create = h('button', {
    type: 'button',
    class: 'primary',
    text: '新建居民并关注',
    onclick: () => {
      const typed = openid.value.trim();
      if (typed && !OPENID.test(typed)) return openid.reportValidity();
      const r = typed ? useResident(typed, name.value.trim()) : createResident(name.value.trim());
      closeSheet();
      onchange(r, { follow: true, scene: scene.value || undefined });
    },
  });
  choiceSheet('选择居民', choices, [
    h('label', { for: 'res-name', text: '新居民称呼' }),
    name,
    h('label', { for: 'res-scene', text: '关注方式' }),
    scene,
    h('label', { for: 'res-openid', text: 'openid' }),
    openid,
    h('div', { class: 'actions' }, create),
  ]);
}
