import { describe, expect, it } from 'vitest';
import { keys } from '../../src/state/keys.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { cardGeneration, forgetResidentCard, readResidentCard, residentCardDrop, residentCardWrite, CARD_TTL_MS } from '../../src/state/resident-card.js';

describe('the resident card (what a turn starts from)', () => {
  const card = { communityId: 'daxin', ticket: null };

  it('is trusted only at the generation it was computed at', async () => {
    const store = new MemoryStore();
    const gen0 = cardGeneration(await store.get(keys.residentGen('o1')));
    expect(gen0).toBe('0');
    await store.apply([residentCardWrite('o1', card, gen0)]);
    const raw = await store.get(keys.residentCard('o1'));
    expect(readResidentCard(raw, gen0)).toEqual(card);
    expect(await store.pttl(keys.residentCard('o1'))).toBeLessThanOrEqual(CARD_TTL_MS);

    // staff act: a card read before, even one written after the bump, is not trusted
    await forgetResidentCard(store, 'o1');
    const gen1 = cardGeneration(await store.get(keys.residentGen('o1')));
    expect(gen1).not.toBe(gen0);
    expect(readResidentCard(raw, gen1)).toBeUndefined();
    await store.apply([residentCardWrite('o1', card, gen0)]);
    expect(readResidentCard(await store.get(keys.residentCard('o1')), gen1)).toBeUndefined();
    // a later bump is never the same value again (not a count that could come back)
    await forgetResidentCard(store, 'o1');
    expect(cardGeneration(await store.get(keys.residentGen('o1')))).not.toBe(gen1);
    await store.close();
  });

  it('an unreadable card is no card; a turn that changed the facts drops it', async () => {
    expect(readResidentCard('{oops', '0')).toBeUndefined();
    expect(readResidentCard(JSON.stringify({ g: '0', c: 'x', t: { id: 'one' } }), '0')).toBeUndefined();
    expect(readResidentCard(null, '0')).toBeUndefined();
    const ticket = { id: 7, status: 'queued' as const, communityId: null };
    expect(readResidentCard(JSON.stringify({ g: '0', c: null, t: ticket }), '0')).toEqual({ communityId: null, ticket });
    expect(residentCardDrop('o2')).toEqual({ op: 'del', key: keys.residentCard('o2') });
  });
});
