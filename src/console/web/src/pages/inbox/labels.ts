/** why the ticket was opened (conversations.reason) */
const REASONS: Record<string, string> = { resident: '居民要求人工', flow: '填写中转人工' };
export const reasonLabel = (r: string): string => REASONS[r] ?? r;
