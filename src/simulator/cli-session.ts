import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CLI_HELP, parseCoordinates, type CliCommand } from './cli-commands.js';
import { formatApiEntry, formatMenu, formatReply, type Printed, type QuickReply } from './cli-format.js';
import type { CliOutcome, CliTransport, MenuButtonView } from './cli-transport.js';
import type { SendInput } from './send-input.js';

/**
 * One terminal conversation: the current resident, the quick replies last shown, the live stream
 * of customer-service and template messages. `print` writes lines above the prompt.
 */
export function newOpenid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}

export class CliSession {
  openid: string;
  private quick: QuickReply[] = [];
  private following: boolean | undefined;
  private streamAbort: AbortController | undefined;

  constructor(
    private readonly transport: CliTransport,
    private readonly print: (lines: string[]) => void,
    openid: string,
  ) {
    this.openid = openid;
  }

  /** Switches to a resident: the stream is reopened for them. */
  async use(openid: string): Promise<void> {
    this.openid = openid;
    this.quick = [];
    this.following = await this.transport.following(openid).catch(() => undefined);
    // nothing is typed before the stream is live, so no push can fall between history and live
    await this.openStream();
  }

  close(): void {
    this.streamAbort?.abort();
  }

  /** Handles one command; false means quit. */
  async handle(cmd: CliCommand): Promise<boolean> {
    try {
      return await this.run(cmd);
    } catch (e) {
      this.print([`✗ ${e instanceof Error ? e.message : String(e)}`]);
      return true;
    }
  }

  private async run(cmd: CliCommand): Promise<boolean> {
    switch (cmd.type) {
      case 'none':
        return true;
      case 'quit':
        return false;
      case 'help':
        this.print([CLI_HELP]);
        return true;
      case 'error':
        this.print([`✗ ${cmd.message}`]);
        return true;
      case 'text':
        return this.send({ kind: 'text', content: cmd.content });
      case 'location':
        return this.send({ kind: 'location', lat: cmd.lat, lng: cmd.lng, scale: 15, label: cmd.label });
      case 'link':
        return this.send({ kind: 'link', title: cmd.title, description: '', url: cmd.url });
      case 'image':
        return this.show(cmd.path ? await this.transport.sendImage(this.openid, await readFile(cmd.path)) : await this.transport.send(this.openid, { kind: 'image' }));
      case 'follow':
        this.following = true;
        return this.send({ kind: 'event', event: 'subscribe', ...(cmd.scene ? { scene: cmd.scene } : {}) });
      case 'unfollow':
        this.following = false;
        return this.send({ kind: 'event', event: 'unsubscribe' });
      case 'scan':
        // a resident not yet following follows by scanning: WeChat sends subscribe with qrscene_
        if (this.following === true) return this.send({ kind: 'event', event: 'SCAN', scene: cmd.scene });
        this.following = true;
        return this.send({ kind: 'event', event: 'subscribe', scene: cmd.scene });
      case 'tap': {
        const q = this.quick[cmd.n - 1];
        if (!q) {
          this.print([`✗ 没有第 ${cmd.n} 个快捷回复`]);
          return true;
        }
        this.print([`我 › ${q.content}`]);
        return this.send({ kind: 'text', content: q.content, ...(q.menuId ? { menuId: q.menuId } : {}) });
      }
      case 'menu':
        return this.menu(cmd.key, cmd.args);
      case 'as':
        await this.use(cmd.openid ?? newOpenid());
        this.print([`现在是居民 ${this.openid}`]);
        return true;
    }
  }

  private async send(input: SendInput): Promise<boolean> {
    return this.show(await this.transport.send(this.openid, input));
  }

  private show(outcomes: CliOutcome[]): boolean {
    for (const o of outcomes) this.emit(formatReply(o.reply, o.deliveries, o.problems));
    return true;
  }

  private emit(p: Printed): void {
    if (p.quick.length) this.quick = p.quick;
    if (p.lines.length) this.print(p.lines);
  }

  /** /menu alone lists the menu; /menu KEY taps the button with that key or name. */
  private async menu(key: string | undefined, args: string): Promise<boolean> {
    const buttons = await this.transport.menu();
    if (!key) {
      this.print(formatMenu(buttons));
      return true;
    }
    const leaves = buttons.flatMap((b): MenuButtonView[] => (b.sub_button?.length ? b.sub_button : [b]));
    const b = leaves.find((l) => l.key === key) ?? leaves.find((l) => l.name === key);
    const eventKey = b?.key ?? key;
    switch (b?.type) {
      case 'view':
        return this.send({ kind: 'event', event: 'VIEW', url: b.url ?? '' });
      case 'location_select': {
        const c = parseCoordinates(args);
        if (!c) {
          this.print(['✗ 这是位置按钮：/menu KEY 纬度,经度 [标签]']);
          return true;
        }
        return this.send({ kind: 'event', event: 'location_select', key: eventKey, lat: c.lat, lng: c.lng, scale: 15, label: c.label, poiname: c.label });
      }
      case 'pic_photo_or_album':
      case 'pic_sysphoto':
      case 'pic_weixin': {
        if (!args) return this.send({ kind: 'event', event: b.type, key: eventKey });
        // the picture is registered first, then the phone posts the event and the image
        const up = await this.transport.register(this.openid, await readFile(args));
        return this.send({ kind: 'event', event: b.type, key: eventKey, mediaIds: [up] });
      }
      case 'scancode_push':
      case 'scancode_waitmsg':
        return this.send({ kind: 'event', event: b.type, key: eventKey, scanType: 'qrcode', scanResult: args });
      default:
        if (!b) this.print([`  · 菜单里没有 ${key}，仍按 CLICK 事件发送`]);
        return this.send({ kind: 'event', event: 'CLICK', key: eventKey });
    }
  }

  /** Customer-service and template messages as they arrive; history before connecting is skipped. */
  private openStream(): Promise<void> {
    this.streamAbort?.abort();
    if (this.transport.kind !== 'sim') return Promise.resolve();
    let ready = () => {};
    const isReady = new Promise<void>((r) => (ready = r));
    const controller = new AbortController();
    this.streamAbort = controller;
    const openid = this.openid;
    let live = false;
    let since = 0;
    const connect = async () => {
      while (!controller.signal.aborted) {
        await this.transport
          .stream(
            openid,
            since,
            (e) => {
              since = Math.max(since, e.seq);
              if (live && e.kind === 'api' && e.api && e.response) this.emit(formatApiEntry({ api: e.api, body: e.body, response: e.response }));
            },
            () => {
              live = true;
              ready();
            },
            controller.signal,
          )
          .catch(() => {});
        // the service went away: the prompt stays usable, the stream is retried
        ready();
        if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, 2000));
      }
    };
    void connect();
    return isReady;
  }
}
