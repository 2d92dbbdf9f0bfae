import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { keywordReplies } from '../db/schema.js';
import type { OutboundMessage } from '../wechat/outbound.js';
import { replyWordForm } from '../vocabulary/word-forms.js';

/** content of a keyword reply, as staff store it in the console */
const textContent = z.object({ text: z.string().min(1) });
const newsContent = z.object({ title: z.string().min(1), description: z.string().default(''), url: z.url(), picUrl: z.url().optional() });

interface Entry {
  keyword: string;
  match: 'exact' | 'prefix';
  communityId: string | null;
  reply: OutboundMessage;
}

const CACHE_MS = 30_000;

/**
 * Staff-defined keyword replies (回复“电费”…): exact or prefix matches, a community's own entry
 * before a general one, the longest keyword first. Read from the database at most every 30 s.
 */
export class KeywordReplies {
  private cache: { at: number; entries: Entry[] } | undefined;

  constructor(
    private readonly db: Db,
    private readonly onBadRow: (id: number) => void = () => {},
  ) {}

  invalidate(): void {
    this.cache = undefined;
  }

  async match(text: string, communityId: string | null | undefined): Promise<OutboundMessage | undefined> {
    const word = replyWordForm(text);
    if (!word) return undefined;
    const entries = await this.entries();
    const hits = entries.filter(
      (e) =>
        (e.communityId === null || e.communityId === communityId) &&
        (e.match === 'exact' ? word === e.keyword : word.startsWith(e.keyword)),
    );
    hits.sort((a, b) => Number(b.communityId !== null) - Number(a.communityId !== null) || b.keyword.length - a.keyword.length);
    return hits[0]?.reply;
  }

  private async entries(): Promise<Entry[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.entries;
    const rows = await this.db.select().from(keywordReplies).where(eq(keywordReplies.enabled, true));
    const entries: Entry[] = [];
    for (const row of rows) {
      const reply = toReply(row.replyType, row.content);
      if (!reply) {
        this.onBadRow(row.id);
        continue;
      }
      entries.push({ keyword: replyWordForm(row.keyword), match: row.match, communityId: row.communityId, reply });
    }
    this.cache = { at: Date.now(), entries };
    return entries;
  }
}

function toReply(type: 'text' | 'news', content: unknown): OutboundMessage | undefined {
  if (type === 'text') {
    const r = textContent.safeParse(content);
    return r.success ? { type: 'text', content: r.data.text } : undefined;
  }
  const r = newsContent.safeParse(content);
  if (!r.success) return undefined;
  const { picUrl, ...rest } = r.data;
  return { type: 'news', article: { ...rest, ...(picUrl ? { picUrl } : {}) } };
}
