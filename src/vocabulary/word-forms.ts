/**
 * How the bot compares what a resident typed (or a menu click's key) with the words it knows:
 * full-width letters folded (NFKC), spaces and punctuation dropped. The console's menu editor
 * (src/console/menu/bot-words.ts) uses the same forms, so it warns about exactly the keys the bot
 * would not act on; they live here, below both, as the console does not import the runtime.
 */
const bare = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}]/gu, '');

/** a flow's trigger word; 我要报修 / 我想提议 start the same flow as 报修 / 提议 */
export const flowWordForm = (s: string): string => bare(s).replace(/^我要/, '').replace(/^我想/, '');

/** a staff keyword reply's word; case does not matter (WiFi = wifi) */
export const replyWordForm = (s: string): string => bare(s).toLowerCase();
