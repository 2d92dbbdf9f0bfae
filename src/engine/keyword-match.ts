import type { Flow } from './flow-schema.js';
import { normalize } from './normalize.js';

/**
 * The flow whose trigger keyword the message starts with (mailroom's "first word", adapted to
 * Chinese, where words are not separated: 报修, 报修路灯坏了 and 路灯不亮 all start a keyword).
 * The longest matching keyword wins. Latin keywords must be followed by a non-letter.
 */
export function matchKeyword(flows: Iterable<Flow>, text: string): Flow | undefined {
  const t = normalize(text);
  let best: { flow: Flow; length: number } | undefined;
  for (const flow of flows) {
    for (const raw of flow.triggers.keywords) {
      const k = normalize(raw);
      if (!k || !t.startsWith(k)) continue;
      if (/[a-z0-9]$/.test(k) && /^[a-z0-9]/.test(t.slice(k.length))) continue;
      if (!best || k.length > best.length) best = { flow, length: k.length };
    }
  }
  return best?.flow;
}
