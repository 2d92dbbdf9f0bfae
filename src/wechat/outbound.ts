/**
 * What the bot says to a resident. The first message of an answer goes back as the passive reply
 * (free, instant); anything after it, or anything late, goes out through the customer-service API.
 */
export type Article = { title: string; description: string; url: string; picUrl?: string };

export type OutboundMessage =
  | { type: 'text'; content: string }
  /** single-article news: WeChat allows one article in passive and customer-service news */
  | { type: 'news'; article: Article }
  | { type: 'image'; mediaId: string };

export const text = (content: string): OutboundMessage => ({ type: 'text', content });
