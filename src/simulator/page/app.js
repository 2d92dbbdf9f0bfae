// The chat page: one resident talking to the official account through the local simulator.
import * as api from './api.js';
import { safeUrl, toast } from './dom.js';
import { MenuBar } from './menu.js';
import { createResident, currentResident, displayName, residentSheet } from './residents.js';
import { choiceSheet, initSheets, locationSheet, promptSheet, scanSheet } from './sheets.js';
import { Timeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
const state = { resident: undefined, info: { communities: [] }, stream: undefined, following: undefined, typingTimer: undefined, pic: undefined };

const timeline = new Timeline($('chat'), {
  onQuickReply: (content, menuId) => sendMessage({ kind: 'text', content, ...(menuId ? { menuId } : {}) }),
  onMenuChanged: () => loadMenu(),
  onTyping: (on) => setTyping(on),
  onFollowing: (following) => setFollowing(following),
});
const menu = new MenuBar($('menu-buttons'), $('menu-popup'), (b) => menuButton(b));

// ---- sending
async function sendMessage(message) {
  if (!state.resident) return;
  try {
    return await api.send(state.resident.openid, message);
  } catch (e) {
    toast(`发送失败：${e.message}`, 4000);
  }
}

function sendText() {
  const input = $('text');
  const content = input.value.trim();
  if (!content) return;
  input.value = '';
  onInput();
  sendMessage({ kind: 'text', content });
}

async function sendFile(file) {
  if (!file || !state.resident) return;
  const pic = state.pic;
  state.pic = undefined;
  try {
    if (pic) {
      // a pic_* menu button: the picture is chosen first, then the phone posts the event and the image
      const up = await api.upload(state.resident.openid, file, false);
      await sendMessage({ kind: 'event', event: pic.type, key: pic.key, mediaIds: [up.mediaId] });
    } else {
      await api.upload(state.resident.openid, file, true);
    }
  } catch (e) {
    toast(`图片发送失败：${e.message}`, 4000);
  }
}

/** a voice as WeChat sends it: an AMR-NB file (e.g. tests/media/fixtures), and what WeChat recognised, if anything */
async function sendVoice(file) {
  if (!file || !state.resident) return;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    const recognition = (window.prompt('微信识别出的文字（大多数公众号为空，可留空）', '') ?? '').trim();
    await sendMessage({ kind: 'voice', amr: btoa(bin), recognition });
  } catch (e) {
    toast(`语音发送失败：${e.message}`, 4000);
  }
}

function pickPicture(pic) {
  state.pic = pic;
  $('file').value = '';
  $('file').click();
}

// ---- the custom menu
function menuButton(b) {
  switch (b.type) {
    case 'click':
      return sendMessage({ kind: 'event', event: 'CLICK', key: b.key });
    case 'view': {
      sendMessage({ kind: 'event', event: 'VIEW', url: b.url });
      const url = safeUrl(b.url);
      if (url) window.open(url, '_blank', 'noopener');
      return;
    }
    case 'location_select':
      return locationSheet(b.name, (p) => sendMessage({ kind: 'event', event: 'location_select', key: b.key, ...p }));
    case 'pic_photo_or_album':
    case 'pic_sysphoto':
    case 'pic_weixin':
      return choiceSheet(b.name, [
        { label: b.type === 'pic_sysphoto' ? '拍照（选择图片文件）' : '从相册选择', onpick: () => pickPicture(b) },
        { label: '使用示例图片', onpick: () => sendMessage({ kind: 'event', event: b.type, key: b.key }) },
      ]);
    case 'scancode_push':
    case 'scancode_waitmsg':
      return promptSheet(b.name, '扫码结果（二维码里的文字）', 'https://…', (text) =>
        sendMessage({ kind: 'event', event: b.type, key: b.key, scanType: 'qrcode', scanResult: text }),
      );
    default:
      toast('模拟器暂不支持这种菜单');
  }
}

async function loadMenu() {
  try {
    const m = await api.getJson('/sim/menu');
    menu.render(m);
  } catch {
    menu.render(undefined);
  }
}

function showMenuMode(on) {
  $('menu-bar').hidden = !on;
  $('input-bar').hidden = on;
  $('panel').hidden = true;
  if (!on) $('text').focus();
}

// ---- the "+" panel
function panelAction(action) {
  $('panel').hidden = true;
  switch (action) {
    case 'album':
      return pickPicture(undefined);
    case 'sample':
      return sendMessage({ kind: 'image' });
    case 'voice':
      $('voice-file').value = '';
      return $('voice-file').click();
    case 'location':
      return locationSheet('发送位置', (p) => sendMessage({ kind: 'location', lat: p.lat, lng: p.lng, label: p.label }));
    case 'scan':
      return scanSheet(state.info.communities ?? [], (scene) =>
        sendMessage(state.following ? { kind: 'event', event: 'SCAN', scene } : { kind: 'event', event: 'subscribe', scene }),
      );
    case 'follow':
      return sendMessage({ kind: 'event', event: 'subscribe' });
    case 'unfollow':
      return sendMessage({ kind: 'event', event: 'unsubscribe' });
  }
}

// ---- header state
function setTyping(on) {
  clearTimeout(state.typingTimer);
  $('title').textContent = on ? '对方正在输入...' : '民生微实事';
  if (on) state.typingTimer = setTimeout(() => setTyping(false), 15_000);
}

function setFollowing(following) {
  state.following = following;
  $('follow-banner').hidden = following !== false;
}

function showResident() {
  const r = state.resident;
  const mode = state.info.encryption === 'safe' ? '安全模式' : state.info.encryption === 'compatible' ? '兼容模式' : '明文模式';
  $('subtitle').textContent = `${displayName(r)} · ${r.openid.slice(0, 10)}… · ${mode}`;
}

/** Switch to a resident: new timeline, new stream; a new resident may follow right away. */
function switchTo(resident, opts = {}) {
  state.resident = resident;
  state.stream?.close();
  timeline.clear();
  setTyping(false);
  state.following = undefined;
  $('follow-banner').hidden = true;
  showResident();
  state.stream = api.openStream(resident.openid, (entry) => timeline.add(entry), (s) => {
    if (s === 'ready') {
      document.body.dataset.stream = 'ready';
      if (state.following === undefined) setFollowing(false);
      if (opts.follow) {
        opts.follow = false;
        sendMessage({ kind: 'event', event: 'subscribe', ...(opts.scene ? { scene: opts.scene } : {}) });
      }
    } else document.body.dataset.stream = s;
  });
}

function onInput() {
  const input = $('text');
  const has = input.value.trim().length > 0;
  $('send').hidden = !has;
  $('plus').hidden = has;
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}

async function main() {
  initSheets();
  $('text').addEventListener('input', onInput);
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendText();
    }
  });
  $('send').addEventListener('click', sendText);
  $('plus').addEventListener('click', () => ($('panel').hidden = !$('panel').hidden));
  $('to-menu').addEventListener('click', () => showMenuMode(true));
  $('to-keyboard').addEventListener('click', () => showMenuMode(false));
  $('panel').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (b) panelAction(b.dataset.action);
  });
  $('file').addEventListener('change', () => sendFile($('file').files?.[0]));
  $('voice-file').addEventListener('change', () => sendVoice($('voice-file').files?.[0]));
  $('follow-btn').addEventListener('click', () => sendMessage({ kind: 'event', event: 'subscribe' }));
  $('resident-btn').addEventListener('click', async () => {
    const server = await api.getJson('/sim/residents').catch(() => ({ residents: [] }));
    residentSheet(server.residents, state.info.communities ?? [], (r, opts) => switchTo(r, opts));
  });

  state.info = await api.getJson('/sim/info').catch(() => ({ communities: [] }));
  await loadMenu();
  // WeChat opens an account's chat on its menu when it has one
  showMenuMode(!menu.empty);
  switchTo(currentResident() ?? createResident('居民1'));
  document.body.dataset.ready = 'true';
}

main();
