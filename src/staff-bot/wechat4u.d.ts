/**
 * wechat4u 0.7 ships no types. Only src/staff-bot/main.ts loads it; what the staff bot uses of it is
 * described in client.ts and checked at load time by asWechatBot.
 */
declare module 'wechat4u' {
  const Wechat: new (botData?: object) => unknown;
  export = Wechat;
}
