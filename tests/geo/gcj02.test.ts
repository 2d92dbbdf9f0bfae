import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02, type LatLng } from '../../src/geo/gcj02.js';

/** great-circle distance in metres */
function metres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * Reference pairs from the projects' own tests: googollee/eviltransform (test.js, transform_test.go:
 * Shanghai, Shenzhen, Beijing) and wandergis/coordtransform (README: wgs84togcj02(116.404, 39.915)).
 */
const PAIRS: { where: string; wgs: LatLng; gcj: LatLng }[] = [
  { where: 'Shanghai (eviltransform)', wgs: { lat: 31.1774276, lng: 121.5272106 }, gcj: { lat: 31.17530398364597, lng: 121.531541859215 } },
  { where: 'Shenzhen (eviltransform)', wgs: { lat: 22.543847, lng: 113.912316 }, gcj: { lat: 22.540796131694766, lng: 113.9171764808363 } },
  { where: 'Beijing (eviltransform)', wgs: { lat: 39.911954, lng: 116.377817 }, gcj: { lat: 39.91334545536069, lng: 116.38404722455657 } },
  { where: 'Beijing (coordtransform)', wgs: { lat: 39.915, lng: 116.404 }, gcj: { lat: 39.91640428150164, lng: 116.41024449916938 } },
];

describe('GCJ-02 ⇄ WGS-84', () => {
  it.each(PAIRS)('WGS-84 → GCJ-02 matches the reference for $where', ({ wgs, gcj }) => {
    const got = wgs84ToGcj02(wgs);
    expect(got.lat).toBeCloseTo(gcj.lat, 9);
    expect(got.lng).toBeCloseTo(gcj.lng, 9);
  });

  it.each(PAIRS)('GCJ-02 → WGS-84 lands within a metre of the reference for $where', ({ wgs, gcj }) => {
    const got = gcj02ToWgs84(gcj);
    // eviltransform's own bound for its exact inverse is 0.5 m; the iteration does far better
    expect(metres(got, wgs)).toBeLessThan(0.01);
    // the offset itself is hundreds of metres, so the test would notice a missing conversion
    expect(metres(gcj, wgs)).toBeGreaterThan(100);
  });

  it('agrees with coordtransform’s one-step gcj02towgs84 to within its few metres', () => {
    // README: gcj02towgs84(116.404, 39.915) → [116.39775550083061, 39.91359571849836]
    const got = gcj02ToWgs84({ lat: 39.915, lng: 116.404 });
    expect(metres(got, { lat: 39.91359571849836, lng: 116.39775550083061 })).toBeLessThan(5);
  });

  it('round-trips across the country to a millimetre', () => {
    for (let lat = 18.3; lat <= 53.5; lat += 2.9)
      for (let lng = 73.7; lng <= 134.7; lng += 3.7) {
        const p = { lat, lng };
        expect(metres(gcj02ToWgs84(wgs84ToGcj02(p)), p), `${lat},${lng}`).toBeLessThan(0.001);
      }
  });

  it('leaves points outside China unchanged', () => {
    for (const p of [
      { lat: 51.5007, lng: -0.1246 }, // London
      { lat: 35.6586, lng: 139.7454 }, // Tokyo (east of the box)
      { lat: -33.8568, lng: 151.2153 }, // Sydney
    ]) {
      expect(outOfChina(p)).toBe(true);
      expect(gcj02ToWgs84(p)).toEqual(p);
      expect(wgs84ToGcj02(p)).toEqual(p);
    }
    expect(outOfChina({ lat: 22.5437, lng: 113.9305 })).toBe(false);
  });
});
