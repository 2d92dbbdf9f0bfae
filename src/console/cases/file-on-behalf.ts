import type { z } from 'zod';
import { channels, kindModule, storedPhone, type FilingScope } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import { inScope } from '../auth/access.js';
import { scopeOf } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { caseCreateBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { actorOf, civicCtx } from './actions.js';

export type CaseCreateBody = z.output<typeof caseCreateBodySchema>;

/** where an account may file: its own street or community; a unit (承办单位) and the rest nowhere */
export function filingScopeOf(me: StaffPrincipal): FilingScope {
  const s = scopeOf(me);
  return s.kind === 'unit' ? { kind: 'none' } : s;
}

/**
 * 新建事项: a case filed on a resident's behalf by a staff member (the actor of its 'created'
 * event), through a channel of config/channels.yaml, with the resident's name and phone kept
 * private. The kind's own submit files it (its scope check runs inside, on the community the case
 * gets: a street's staff cannot file into another street's community); the same form sent twice
 * (one formToken) files once; the audit row is written with the case, in the same transaction.
 * A mobile number is kept as 11 digits, so that 绑定手机号 in the bot finds the case.
 */
export async function fileOnBehalf(deps: ConsoleDeps, me: StaffPrincipal, b: CaseCreateBody): Promise<{ caseId: number; created: boolean }> {
  // first the place, so that someone out of scope learns nothing from a field check; the civic operation checks again inside
  if (!(await inScope(deps.db, me, b.communityId))) throw new AppError('forbidden', '只能为本辖区的社区登记事项', { reason: 'out_of_scope' });
  if (!channels().isStaffChannel(b.channel)) throw new AppError('bad_request', '请选择登记渠道', { reason: 'unknown_channel' });
  const phone = b.phone ? storedPhone(b.phone) : undefined;
  const ctx = civicCtx(deps);
  const sourceKey = `console:${me.id}:${b.formToken}`;
  const { kind, formToken: _, channel, contactName, ...fields } = b;
  return deps.db.transaction(async (tx: Db) => {
    const filed = await kindModule(kind).submit(
      tx,
      {
        ...fields,
        ...(phone ? { phone } : {}),
        sourceKey,
        photos: [],
        filing: { by: actorOf(me), channel, ...(contactName ? { contactName } : {}), scope: filingScopeOf(me) },
      },
      ctx,
    );
    if (filed.created)
      await writeAudit(tx, {
        staffId: me.id,
        action: 'case.create',
        target: `case:${filed.caseId}`,
        after: { kind, channel, communityId: b.communityId, formToken: b.formToken },
        at: ctx.now,
      });
    return { caseId: filed.caseId, created: filed.created };
  });
}
