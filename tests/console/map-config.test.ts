import { describe, expect, it } from 'vitest';
import { consoleConfigFrom } from '../../src/console/config.js';
import { tileOrigins } from '../../src/console/map-tiles.js';
import { ConfigError } from '../../src/config/env.js';

const base = { publicUrl: 'http://127.0.0.1:3000', mediaDir: '/tmp/media' };
const read = (env: Record<string, string>) => consoleConfigFrom(base, env);

/** the ConfigError's message (the text npm start prints) */
function refusal(env: Record<string, string>): string {
  try {
    read(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('CONSOLE_MAP_* settings', () => {
  it('no tile source: no map (the other CONSOLE_MAP_* alone change nothing)', () => {
    expect(read({}).map).toBeUndefined();
    expect(read({ CONSOLE_MAP_TILES: '' }).map).toBeUndefined();
    expect(read({ CONSOLE_MAP_ATTRIBUTION: '© 高德地图', CONSOLE_MAP_COORDS: 'wgs84' }).map).toBeUndefined();
    expect(tileOrigins(undefined)).toEqual([]);
  });

  it('takes an OpenStreetMap-style template; GCJ-02 unless told otherwise', () => {
    const map = read({ CONSOLE_MAP_TILES: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', CONSOLE_MAP_ATTRIBUTION: '© OpenStreetMap contributors' }).map;
    expect(map).toEqual({
      tiles: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
      subdomains: ['a', 'b', 'c'],
      attribution: '© OpenStreetMap contributors',
      coords: 'gcj02',
    });
    expect(tileOrigins(map)).toEqual(['https://a.tile.example.org', 'https://b.tile.example.org', 'https://c.tile.example.org']);
    expect(read({ CONSOLE_MAP_TILES: 'https://tile.example.org/{z}/{x}/{y}.png', CONSOLE_MAP_COORDS: 'wgs84' }).map?.coords).toBe('wgs84');
  });

  it('takes 高德- and 天地图-style templates: query strings, {s} inside a host label, digit subdomains, {-y}', () => {
    const amap = read({
      CONSOLE_MAP_TILES: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
      CONSOLE_MAP_SUBDOMAINS: '1234',
    }).map!;
    expect(amap.subdomains).toEqual(['1', '2', '3', '4']);
    expect(tileOrigins(amap)).toEqual([1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com`));
    const tdt = read({
      CONSOLE_MAP_TILES: 'http://t{s}.tianditu.gov.cn:8080/vec_w/wmts?SERVICE=WMTS&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY',
      CONSOLE_MAP_SUBDOMAINS: '0,1',
      CONSOLE_MAP_COORDS: 'wgs84',
    }).map!;
    expect(tileOrigins(tdt)).toEqual(['http://t0.tianditu.gov.cn:8080', 'http://t1.tianditu.gov.cn:8080']);
    expect(read({ CONSOLE_MAP_TILES: 'http://127.0.0.1:8081/tms/{z}/{x}/{-y}.png' }).map?.tiles).toBe('http://127.0.0.1:8081/tms/{z}/{x}/{-y}.png');
  });

  it.each([
    ['a relative path', 'tiles/{z}/{x}/{y}.png', 'absolute http(s) URL template'],
    ['another scheme', 'ftp://tiles.example.org/{z}/{x}/{y}.png', 'http:// or https://'],
    ['a script URL', 'javascript:alert(1)//{z}/{x}/{y}', 'http:// or https://'],
    ['no {y}', 'https://tiles.example.org/{z}/{x}.png', 'with {z}, {x} and {y}'],
    ['a plain URL', 'https://tiles.example.org/tile.png', 'with {z}, {x} and {y}'],
    ['an unknown placeholder', 'https://tiles.example.org/{z}/{x}/{y}.png?key={key}', 'unknown placeholder {key}'],
    ['an unclosed brace', 'https://tiles.example.org/{z}/{x}/{y.png', 'unmatched'],
    ['a space', 'https://tiles.example.org/{z}/{x}/{y}.png?style=a b', 'spaces'],
    ['a password', 'https://user:secret@tiles.example.org/{z}/{x}/{y}.png', 'user name or password'],
  ])('refuses %s at start, naming CONSOLE_MAP_TILES', (_what, tiles, words) => {
    const message = refusal({ CONSOLE_MAP_TILES: tiles });
    expect(message).toMatch(/^Invalid configuration: CONSOLE_MAP_TILES: /);
    if (words) expect(message).toContain(words);
  });

  it('refuses a bad datum or subdomain list by name', () => {
    expect(refusal({ CONSOLE_MAP_TILES: 'https://t.example.org/{z}/{x}/{y}.png', CONSOLE_MAP_COORDS: 'bd09' })).toContain('CONSOLE_MAP_COORDS: must be gcj02');
    expect(refusal({ CONSOLE_MAP_TILES: 'https://{s}.example.org/{z}/{x}/{y}.png', CONSOLE_MAP_SUBDOMAINS: 'a b' })).toContain('CONSOLE_MAP_SUBDOMAINS');
  });
});
