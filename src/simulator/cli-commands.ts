/**
 * What the resident types in the terminal client. Plain text is a text message; a line starting
 * with / is a command (a line starting with // sends the text after the first slash).
 */
export type CliCommand =
  | { type: 'text'; content: string }
  | { type: 'location'; lat: number; lng: number; label: string }
  | { type: 'image'; path?: string }
  | { type: 'menu'; key?: string; args: string }
  | { type: 'follow'; scene?: string }
  | { type: 'unfollow' }
  | { type: 'scan'; scene: string }
  | { type: 'as'; openid?: string }
  | { type: 'tap'; n: number }
  | { type: 'link'; title: string; url: string }
  | { type: 'help' }
  | { type: 'quit' }
  | { type: 'none' }
  | { type: 'error'; message: string };

export const CLI_HELP = [
  '直接输入文字即发送文本消息。命令：',
  '  /loc 纬度,经度 [标签]     发送位置，例如 /loc 22.5446,113.9227 南头古城',
  '  /img [图片路径]           发送图片（不给路径则发送示例图片）',
  '  /menu                     显示公众号菜单',
  '  /menu KEY [参数]          点击菜单：位置按钮后接“纬度,经度 标签”，拍照按钮后接图片路径',
  '  /tap N                    点击最近一条消息里的第 N 个快捷回复',
  '  /follow [场景]            关注公众号（可带二维码场景，如 community_tongle）',
  '  /unfollow                 取消关注',
  '  /scan community_<id>      扫描社区二维码',
  '  /link 标题 URL            发送链接消息',
  '  /as [openid]              切换居民（不给 openid 则新建一个）',
  '  /help   /quit',
].join('\n');

const COORDS = /^(-?\d+(?:\.\d+)?)\s*[,，]\s*(-?\d+(?:\.\d+)?)$/;
const SCENE = /^[\w-]{1,64}$/;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/** "22.54,113.92 南头古城" → coordinates and label, or undefined when the coordinates are invalid */
export function parseCoordinates(args: string): { lat: number; lng: number; label: string } | undefined {
  const [coords = '', ...label] = args.trim().split(/\s+/);
  const m = COORDS.exec(coords);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { lat, lng, label: label.join(' ') };
}

export function parseCommand(line: string): CliCommand {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'none' };
  if (trimmed.startsWith('//')) return { type: 'text', content: trimmed.slice(1) };
  if (!trimmed.startsWith('/')) return { type: 'text', content: line.replace(/\s+$/, '') };
  const space = trimmed.search(/\s/);
  const name = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const args = space === -1 ? '' : trimmed.slice(space + 1).trim();
  switch (name) {
    case '/loc':
    case '/location': {
      const c = parseCoordinates(args);
      return c ? { type: 'location', ...c } : { type: 'error', message: '用法：/loc 纬度,经度 [标签]，例如 /loc 22.5446,113.9227 南头古城' };
    }
    case '/img':
    case '/image':
      return args ? { type: 'image', path: args } : { type: 'image' };
    case '/menu': {
      if (!args) return { type: 'menu', args: '' };
      const [key = '', ...rest] = args.split(/\s+/);
      return { type: 'menu', key, args: rest.join(' ') };
    }
    case '/tap': {
      const n = Number(args);
      return Number.isInteger(n) && n >= 1 ? { type: 'tap', n } : { type: 'error', message: '用法：/tap N（N 是快捷回复前的编号）' };
    }
    case '/follow':
      if (args && !SCENE.test(args)) return { type: 'error', message: '二维码场景只能是字母、数字、_ 和 -' };
      return args ? { type: 'follow', scene: args } : { type: 'follow' };
    case '/unfollow':
      return { type: 'unfollow' };
    case '/scan':
      return SCENE.test(args) ? { type: 'scan', scene: args } : { type: 'error', message: '用法：/scan community_<id>' };
    case '/link': {
      const m = /^(.*\S)\s+(https?:\/\/\S+)$/.exec(args);
      return m ? { type: 'link', title: m[1]!, url: m[2]! } : { type: 'error', message: '用法：/link 标题 https://…' };
    }
    case '/as':
      if (args && !OPENID.test(args)) return { type: 'error', message: 'openid 只能是字母、数字、_ 和 -' };
      return args ? { type: 'as', openid: args } : { type: 'as' };
    case '/help':
    case '/?':
      return { type: 'help' };
    case '/quit':
    case '/exit':
      return { type: 'quit' };
    default:
      return { type: 'error', message: `不认识的命令 ${name}，输入 /help 查看命令` };
  }
}
