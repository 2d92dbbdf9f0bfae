import { AppError } from '../../errors.js';
import type { Db } from '../../db/client.js';
import { streetOf } from '../auth/access.js';
import { scopeOf } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';

/**
 * Is a street's thing (its envelopes, its batches) the user's: everything for an admin, the
 * account's street for a street account, and, to read, the street of the account's community.
 */
export async function streetInScope(db: Db, me: StaffPrincipal, streetId: string): Promise<boolean> {
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return true;
    case 'street':
      return s.streetId === streetId;
    case 'community':
      return (await streetOf(db, s.communityId)) === streetId;
    case 'unit':
    case 'none':
      return false;
  }
}

/** 403 unless the street is the user's (see above) */
export async function assertStreetScope(db: Db, me: StaffPrincipal, streetId: string): Promise<void> {
  if (!(await streetInScope(db, me, streetId))) throw new AppError('forbidden', '无权查看或修改其他街道的预算与批次', { reason: 'out_of_scope' });
}
