import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, sharedLocation } from '../../src/runtime/message-input.js';

/**
 * The shared location's datum change, server side. gcoord's own GCJ-02 → WGS-84 loop has no bound:
 * a point near the edge of its China box stepped in and out of the box for ever and hung the whole
 * process (found by the benchmark, whose location grid walked into 0.83° N). The bounded iteration
 * answers at once and is as exact as before where the offset applies.
 */
describe('a shared location in WGS-84', () => {
  it('converts Shenzhen as eviltransform does, to a centimetre', () => {
    const [lng, lat] = gcj02ToWgs84(113.9171764808363, 22.540796131694766);
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
      const [wLng, wLat] = gcj02ToWgs84(lng, lat);
      expect(Number.isFinite(wLng) && Number.isFinite(wLat)).toBe(true);
      // within a few kilometres of where it was said to be, whatever the datum does there
      expect(Math.abs(wLng - lng) + Math.abs(wLat - lat)).toBeLessThan(0.1);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    const said = sharedLocation({ type: 'location', fromUser: 'o', toUser: 'gh', createTime: 1, msgId: '1', lat: 0.83, lng: 73.1, scale: 15, label: '远方' });
    expect(said.label).toBe('远方');
  });
});
