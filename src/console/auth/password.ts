import { argon2id, hash, verify } from 'argon2';

/** argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane) unless told otherwise */
export interface HashCost {
  memoryCost: number;
  timeCost: number;
}
export const DEFAULT_HASH_COST: HashCost = { memoryCost: 19_456, timeCost: 2 };

export function hashPassword(password: string, cost: HashCost = DEFAULT_HASH_COST): Promise<string> {
  return hash(password, { type: argon2id, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

/** false for a wrong password or an unreadable hash; never throws for bad input */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a fixed hash for a name that does not exist, so a login with an unknown name
 * takes as long as one with a wrong password and the timing tells nothing.
 */
export async function burnVerify(password: string, cost?: HashCost): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-0000', cost);
  await verifyPassword(await dummy, password);
}
