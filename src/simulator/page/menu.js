// The account's custom menu at the bottom of the chat, as on a phone: up to three buttons; a
// button with sub-buttons opens a small popup above it.
import { h } from './dom.js';

export class MenuBar {
  /** onbutton(button): a leaf button was tapped */
  constructor(container, popup, onbutton) {
    this.el = container;
    this.popup = popup;
    this.onbutton = onbutton;
    document.addEventListener('click', (e) => {
      if (!this.popup.hidden && !this.popup.contains(e.target) && !this.el.contains(e.target)) this.closePopup();
    });
  }

  get empty() {
    return !this.buttons || this.buttons.length === 0;
  }

  render(menu) {
    this.buttons = menu?.button ?? [];
    this.closePopup();
    if (this.empty) {
      this.el.replaceChildren(h('div', { class: 'empty', text: '该公众号没有设置菜单' }));
      return;
    }
    this.el.replaceChildren(
      ...this.buttons.map((b) => {
        const parent = Array.isArray(b.sub_button) && b.sub_button.length > 0;
        const btn = h('button', { type: 'button', class: parent ? 'parent' : '', text: b.name });
        btn.addEventListener('click', () => (parent ? this.toggle(btn, b.sub_button) : (this.closePopup(), this.onbutton(b))));
        return btn;
      }),
    );
  }

  toggle(anchor, subs) {
    if (!this.popup.hidden && this.popup.dataset.anchor === anchor.textContent) return this.closePopup();
    this.popup.replaceChildren(
      ...subs.map((s) => h('button', { type: 'button', text: s.name, onclick: () => (this.closePopup(), this.onbutton(s)) })),
    );
    this.popup.dataset.anchor = anchor.textContent;
    this.popup.hidden = false;
    const phone = this.popup.offsetParent.getBoundingClientRect();
    const a = anchor.getBoundingClientRect();
    const width = this.popup.offsetWidth;
    const left = Math.min(Math.max(a.left - phone.left + a.width / 2 - width / 2, 6), phone.width - width - 6);
    this.popup.style.left = `${left}px`;
    this.popup.style.bottom = `${phone.bottom - a.top + 8}px`;
  }

  closePopup() {
    this.popup.hidden = true;
    delete this.popup.dataset.anchor;
  }
}
