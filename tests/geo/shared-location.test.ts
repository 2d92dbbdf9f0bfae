import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84 } from '../../src/geo/gcj02.js';
import { sharedLocation } from '../../src/runtime/message-input.js';

/**
 * The shared location's datum change, server side. gcoord's GCJ-02 → WGS-84 loop, which the bot
 * used, has no bound: a point near the edge of the China box stepped in and out of the box for
 * ever and hung the whole process (found by the benchmark, whose location grid walked into 0.83° N).
 * The bot now converts with src/geo/gcj02.ts (the console map's, bounded): it answers at once and
 * is as exact where the offset applies.
 */
describe('a shared location in WGS-84', () => {
  it('converts Shenzhen as eviltransform does, to a centimetre', () => {
    const { lng, lat } = gcj02ToWgs84({ lng: 113.9171764808363, lat: 22.540796131694766 });
    expect(lat).toBeCloseTo(22.543847, 6);
    expect(lng).toBeCloseTo(113.912316, 6);
  });

  it('answers for points at the edge of the China box, where gcoord never returned', () => {
    for (const [lng, lat] of [
      [73.0, 0.83],
      [73.15, 0.83],
      [137.8, 55.8],
    ] as const) {
      const started = Date.now();
      const { lng: wLng, lat: wLat } = gcj02ToWgs84({ lng, lat });
      expect(Number.isFinite(wLng) && Number.isFinite(wLat)).toBe(true);
      // within a few kilometres of where it was said to be, whatever the datum does there
      expect(Math.abs(wLng - lng) + Math.abs(wLat - lat)).toBeLessThan(0.1);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    const said = sharedLocation({ type: 'location', fromUser: 'o', toUser: 'gh', createTime: 1, msgId: '1', lat: 0.83, lng: 73.1, scale: 15, label: '远方' });
    expect(said.label).toBe('远方');
    // the bot's conversion is the shared one: Shenzhen as above
    const sz = sharedLocation({ type: 'location', fromUser: 'o', toUser: 'gh', createTime: 1, msgId: '2', lat: 22.540796131694766, lng: 113.9171764808363, scale: 15, label: '深圳' });
    expect(sz.lat).toBeCloseTo(22.543847, 6);
    expect(sz.lng).toBeCloseTo(113.912316, 6);
  });
});
