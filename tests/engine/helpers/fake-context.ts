import type { Community, EngineContext, Flow } from '../../../src/engine/index.js';

/**
 * goflow's MockUniverse: a clock that starts at `clock` and advances one second per call, and
 * sequential ids (id-0001, id-0002 …), so every run of a case gives the same session and events.
 */
export function fakeContext(flows: ReadonlyMap<string, Flow>, o: { clock: string; communities?: Community[] | undefined }): EngineContext {
  let t = Date.parse(o.clock);
  let n = 0;
  return {
    now: () => {
      const d = new Date(t);
      t += 1000;
      return d;
    },
    newId: () => `id-${String(++n).padStart(4, '0')}`,
    flows,
    ...(o.communities ? { communities: o.communities } : {}),
  };
}

export const communities: Community[] = [
  { id: 'taoyuan', name: '桃源社区', aliases: ['桃源', '桃源村'] },
  { id: 'nanshan', name: '南山社区', aliases: ['南山'] },
  { id: 'xili', name: '西丽社区' },
];
