import { describe, expect, it } from 'vitest';
import { loadPlaceMap, parseCommunitiesFile, placeByPoint, placeByWords, placeMap, placeOf } from '../../src/civic/index.js';

/** civic/place.ts on the shipped map (config/communities.yaml, approximate WGS-84 centres) and on a small polygon map */
const map = loadPlaceMap();

describe('where a reported place is', () => {
  it.each([
    ['南头古城', 'nantoucheng'],
    ['南头古城北门', 'nantoucheng'],
    ['同乐村3巷', 'tongle'],
    ['广东省深圳市南山区桃源街道龙珠大道', 'longzhu'],
    ['星海名城7栋', 'xinghaimingcheng'],
    ['溪涌村海边', 'tuyang'],
  ])('the longest name in the words wins: %s → %s', (label, id) => {
    expect(placeByWords(map, label)).toMatchObject({ type: 'community', communityId: id });
  });

  it('a street named, or words two of its communities share, give only the street', () => {
    expect(placeByWords(map, '南头街道办门口')).toEqual({ type: 'street', streetId: 'nantou' });
    // 葵涌 is also 葵涌社区's alias: inside 葵涌街道 it names the street
    expect(placeByWords(map, '葵涌街道办事处')).toEqual({ type: 'street', streetId: 'kuichong' });
    expect(placeByWords(map, '小区东门口')).toEqual({ type: 'unknown' });
  });

  it('a place served elsewhere is outside, with its office', () => {
    const p = placeByWords(map, '福田区福中三路市民中心');
    expect(p).toMatchObject({ type: 'outside', where: '福田区' });
    expect(p.type === 'outside' && p.office).toContain('12345');
  });

  it('points: a community by its centre, a street between them, 福田 and 广州 outside', () => {
    expect(placeByPoint(map, { lat: 22.5465, lng: 113.916 })).toMatchObject({ type: 'community', communityId: 'nantoucheng' });
    expect(placeByPoint(map, { lat: 22.63, lng: 114.42 })).toMatchObject({ type: 'community', communityId: 'kuichong-sq' });
    expect(placeByPoint(map, { lat: 22.156, lng: 113.34 })).toMatchObject({ type: 'community', communityId: 'bayi' });
    expect(placeByPoint(map, { lat: 22.56, lng: 113.935 })).toEqual({ type: 'street', streetId: 'taoyuan' });
    // 市民中心 (≈ 22.543 N 114.059 E)
    expect(placeByPoint(map, { lat: 22.543, lng: 114.059 })).toMatchObject({ type: 'outside', where: '福田区' });
    const far = placeByPoint(map, { lat: 23.13, lng: 113.26 });
    expect(far).toMatchObject({ type: 'outside', where: undefined });
    expect(far.type === 'outside' && far.office).toContain('12345');
  });

  it('the words before the point; the point settles a street the words name', () => {
    // labelled 南头古城 but dropped 2 km away: the words win
    expect(placeOf(map, { lat: 22.566, lng: 113.946, label: '南头古城' })).toMatchObject({ communityId: 'nantoucheng' });
    expect(placeOf(map, { lat: 22.566, lng: 113.946, label: '桃源街道某路' })).toMatchObject({ communityId: 'longzhu' });
    expect(placeOf(map, { lat: 22.5465, lng: 113.916, label: '桃源街道某路' })).toEqual({ type: 'street', streetId: 'taoyuan' });
    expect(placeOf(map, { label: '3栋门口' })).toEqual({ type: 'unknown' });
  });

  it('GeoJSON polygons (holes too), and a map with no areas never says outside', () => {
    const square = (lng: number, lat: number, d: number) => [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]];
    const polys = placeMap(
      parseCommunitiesFile(`
streets:
  - id: s1
    name: 一街道
    district: 一区
    communities:
      - id: a
        name: 甲社区
        boundary: { type: Polygon, coordinates: ${JSON.stringify([square(100, 10, 1), square(100.4, 10.4, 0.2)])} }
      - { id: b, name: 乙社区 }
`),
    );
    expect(placeByPoint(polys, { lat: 10.1, lng: 100.1 })).toMatchObject({ communityId: 'a' });
    // in the hole, and beside it: no area holds it, and no outsideOffice is configured
    expect(placeByPoint(polys, { lat: 10.5, lng: 100.5 })).toEqual({ type: 'outside', office: undefined, where: undefined });
    const bare = placeMap(parseCommunitiesFile('streets:\n  - { id: s, name: 一街道, district: 一区, communities: [{ id: c, name: 丙社区 }] }\n'));
    expect(placeByPoint(bare, { lat: 10, lng: 100 })).toEqual({ type: 'unknown' });
  });

  it('refuses a centre without a radius', () => {
    expect(() => parseCommunitiesFile('streets:\n  - { id: s, name: 一, district: 区, communities: [{ id: c, name: 丙, centre: { lat: 1, lng: 2 } }] }\n')).toThrow();
  });
});
