import type { Db } from '../../db/client.js';
import type { CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import type { PhotoInput } from '../media.js';
import type { Filed } from './kind.js';
import { kindLabel, kindTexts } from './kind-texts.js';
import type { CaseKind } from './names.js';
import { kindModule } from './registry.js';

/**
 * Files a case of any kind from a flow's slots: the kind's slot schema turns what the resident
 * answered into its submit fields (a slot that does not fit is AppError 'bad_request' naming it),
 * the kind files it (one transaction, idempotent on sourceKey), and its receipt is what the
 * resident reads next (编号, 预计办结 …).
 */
export async function fileCase(
  db: Db,
  kind: CaseKind,
  o: { openid: string; sourceKey: string; slots: unknown; photos: PhotoInput[] },
  ctx: CivicContext,
): Promise<{ filed: Filed; receipt: string }> {
  const m = kindModule(kind);
  const fields = parseInput(m.slots, o.slots, kindLabel(kind)) as Record<string, unknown>;
  const filed = await m.submit(db, { ...fields, openid: o.openid, sourceKey: o.sourceKey, photos: o.photos }, ctx);
  return { filed, receipt: m.receipt(filed, kindTexts(kind), ctx.now) };
}
