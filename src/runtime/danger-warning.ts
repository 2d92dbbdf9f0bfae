import { categoriesOf, dangerIn } from '../civic/index.js';
import type { Session } from '../engine/session.js';
import { fill, type BotTexts } from './bot-texts.js';

/** the danger word a flow's answers name: a category with danger words and a text naming one (倒树压线) */
function dangerOf(session: Session | undefined): string | undefined {
  const { category, description } = session?.slots ?? {};
  if (typeof category !== 'string' || typeof description !== 'string') return undefined;
  return dangerIn(categoriesOf({}).find(category), description);
}

/**
 * 紧急情况请拨打 110/119: said once per report, at the first reply after which its answers name a
 * danger of its category (flows/categories.yaml: 倒树压线, 井盖缺失, 电线裸露, 燃气泄漏), before the
 * flow's own question. `before` is the session the message found, `after` the one it leaves.
 */
export const dangerWarning =
  (texts: BotTexts) =>
  (before: Session | undefined, after: Session): string | undefined => {
    const danger = dangerOf(after);
    if (!danger) return undefined;
    if (before && before.id === after.id && dangerOf(before)) return undefined;
    return fill(texts.dangerWarning, { danger });
  };
