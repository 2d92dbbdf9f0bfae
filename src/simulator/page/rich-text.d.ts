export type Segment =
  | { type: 'text'; text: string }
  | { type: 'quick'; label: string; content: string; menuId: string }
  | { type: 'link'; label: string; href: string };
export function parseBotText(text: string): Segment[];
export function renderBotText(parent: unknown, text: string, onQuickReply: (content: string, menuId: string) => void): unknown;
