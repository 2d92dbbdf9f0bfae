import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';

/** A stand-in bot for the browser test: greets with quick replies and echoes what it understands. */
export const QUICK_REPLY_GREETING =
  '您好！我是民生微实事小助手。请问您要办什么事？\n' +
  '<a href="weixin://bizmsgmenu?msgmenucontent=报修&msgmenuid=101">1 反映问题（报修）</a>\n' +
  '<a href="weixin://bizmsgmenu?msgmenucontent=提议&msgmenuid=102">2 提议民生项目</a>\n' +
  '<b>这里不是 HTML</b> & <img src=x onerror=alert(1)>';

export function simBot(seen: InboundMessage[] = []): MessageHandler {
  return async (msg) => {
    seen.push(msg);
    switch (msg.type) {
      case 'text':
        if (msg.content === '你好') return [{ type: 'text', content: QUICK_REPLY_GREETING }];
        if (msg.content === '报修') return [{ type: 'text', content: `好的，请描述您要反映的问题（来自快捷回复 ${msg.menuId ?? '无'}）` }];
        return [{ type: 'text', content: `收到：${msg.content}` }];
      case 'location':
        return [{ type: 'text', content: `已记录位置：${msg.label}` }];
      case 'image':
        return [{ type: 'text', content: '照片收到了，谢谢！' }];
      case 'subscribe':
        return [{ type: 'text', content: `欢迎关注民生微实事！${msg.scene ? `（社区码 ${msg.scene}）` : ''}` }];
      case 'click':
        return [{ type: 'text', content: `菜单：${msg.eventKey}` }];
      default:
        return [];
    }
  };
}
