import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/civic/kinds/report.js';
import type { Service } from '../../src/service.js';
import { wgs84ToGcj02, type LatLng } from '../../src/geo/gcj02.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * The case map in a real browser. The test serves its own tiles (a generated PNG) on a local port
 * and points CONSOLE_MAP_TILES at it: the drawer shows the map, the pin sits on the tile of the
 * case's point (stored WGS-84, moved to GCJ-02 for GCJ-02 tiles, as configured) and the tiles reach the local server
 * through the page's CSP. A second service with no tile source shows coordinates only and asks
 * nothing of any server but its own, not even for Leaflet's code. Screenshot: /tmp/console-map.png.
 */
/** 南头古城 as cases store it (WGS-84: the runtime converts WeChat's GCJ-02 on arrival) */
const POINT: LatLng = { lat: 22.5437, lng: 113.9305 };
const ZOOM = 17;
const ATTRIBUTION = '测试底图 <img src=x onerror=alert(1)>';

/** a 256×256 PNG of one colour, written here (no image files in the repository) */
function solidPng(rgb: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const size = 256;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** the slippy-map tile holding a point */
function tileOf(p: LatLng, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (p.lat * Math.PI) / 180;
  return { x: Math.floor(((p.lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

async function startTileServer() {
  const png = solidPng([0xdd, 0xe8, 0xd0]);
  const requests: { path: string; referer?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', ...(req.headers.referer ? { referer: req.headers.referer } : {}) });
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the case map in the staff console', () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let withMap: Service;
  let plain: Service;
  const drops: (() => Promise<void>)[] = [];
  let browser: Browser;

  /** a report at POINT in a service, and a logged-in page that watches every request */
  async function open(svc: Service, tag: string) {
    const { caseId } = await submitReport(
      svc.database.db,
      {
        openid: `oMap${tag}`,
        sourceKey: `map-${tag}-${Date.now()}`,
        category: 'streetlight',
        description: '3栋门口的路灯晚上不亮',
        communityId: 'nantoucheng',
        location: { ...POINT, label: '南头古城3栋' },
      },
      { now: new Date() },
    );
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    watchPage(page, problems);
    // a refused image (CSP) is a console error; the 401 of /me before logging in is expected
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('status of 401')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', svc.localAdmin!.username);
    await page.fill('#password', svc.localAdmin!.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    await page.goto(`${svc.url}/console/cases/${caseId}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-location]', { hasText: '南头古城3栋' }).waitFor();
    return { page, drawer, requested, problems };
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    tiles = await startTileServer();
    const [a, b] = await Promise.all([createPostgresDatabaseUrl(), createPostgresDatabaseUrl()]);
    drops.push(a.drop, b.drop);
    // the console reads CONSOLE_* from the environment when the service starts
    Object.assign(process.env, {
      CONSOLE_MAP_TILES: `${tiles.url}/tiles/{z}/{x}/{y}.png`,
      CONSOLE_MAP_ATTRIBUTION: ATTRIBUTION,
      CONSOLE_MAP_COORDS: 'gcj02',
    });
    try {
      withMap = await startTestService({ DATABASE_URL: a.url });
    } finally {
      delete process.env.CONSOLE_MAP_TILES;
      delete process.env.CONSOLE_MAP_ATTRIBUTION;
      delete process.env.CONSOLE_MAP_COORDS;
    }
    plain = await startTestService({ DATABASE_URL: b.url });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await withMap?.stop();
    await plain?.stop();
    await tiles?.close();
    for (const drop of drops) await drop();
  });

  it('with a tile source: the map, its pin on the WGS-84 point, tiles from the local server', async () => {
    const csp = (await fetch(`${withMap.url}/console/`)).headers.get('content-security-policy')!;
    expect(csp).toContain(`img-src 'self' data: blob: ${tiles.url};`);

    const { page, drawer, requested, problems } = await open(withMap, 'on');
    const map = drawer.locator('[data-testid=case-map]');
    await map.locator('.leaflet-tile-loaded').first().waitFor();
    const pin = map.locator('path.case-map-pin');
    await pin.waitFor();
    await until(() => tiles.requests.some((r) => r.path.startsWith(`/tiles/${ZOOM}/`)), 'tile requests at the local server');
    // the page asked for tiles only where it was told to, and for nothing else off its own server
    expect(requested.filter((u) => !u.startsWith(withMap.url)).every((u) => u.startsWith(`${tiles.url}/tiles/${ZOOM}/`))).toBe(true);
    // the Referer carries the console's origin only, never the case's path
    expect(tiles.requests.map((r) => r.referer)).toContain(`${withMap.url}/`);
    expect(tiles.requests.some((r) => r.referer?.includes('/cases/'))).toBe(false);

    // the tile under the pin is the tile of the point moved to GCJ-02 (not the stored WGS-84 one)
    // (a string: the tests are compiled without the DOM library)
    const under = await page.evaluate<string | undefined>(`(() => {
      const box = document.querySelector('path.case-map-pin').getBoundingClientRect();
      const [cx, cy] = [box.left + box.width / 2, box.top + box.height / 2];
      const img = [...document.querySelectorAll('img.leaflet-tile')].find((t) => {
        const r = t.getBoundingClientRect();
        return cx >= r.left && cx < r.right && cy >= r.top && cy < r.bottom;
      });
      return img ? img.src : undefined;
    })()`);
    const gcj = tileOf(wgs84ToGcj02(POINT), ZOOM);
    const wgs = tileOf(POINT, ZOOM);
    expect(gcj).not.toEqual(wgs);
    expect(under).toBe(`${tiles.url}/tiles/${ZOOM}/${gcj.x}/${gcj.y}.png`);

    // the operator's attribution is text, not markup
    const credit = map.locator('.leaflet-control-attribution');
    expect(await credit.textContent()).toContain(ATTRIBUTION);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // coordinates and label are still there
    expect(await drawer.locator('[data-testid=case-location]').textContent()).toContain('22.54370, 113.93050');
    await page.screenshot({ path: '/tmp/console-map.png' });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('without a tile source: coordinates and label only, no map element, no request off the server', async () => {
    const before = tiles.requests.length;
    const csp = (await fetch(`${plain.url}/console/`)).headers.get('content-security-policy')!;
    expect(csp).toContain("img-src 'self' data: blob:;");
    const { page, drawer, requested, problems } = await open(plain, 'off');
    expect(await drawer.locator('[data-testid=case-location]').textContent()).toContain('22.54370, 113.93050');
    expect(await page.locator('[data-testid=case-map]').count()).toBe(0);
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    // the drawer is there and the photos tab answers: whatever the page was going to ask, it has asked
    await drawer.locator('.ant-tabs-tab', { hasText: '照片' }).click();
    await drawer.getByText('没有照片').waitFor();
    expect(tiles.requests.length).toBe(before);
    expect(requested.filter((u) => !u.startsWith(`${plain.url}/`))).toEqual([]);
    // not even Leaflet's code was fetched
    expect(requested.filter((u) => /\/assets\/leaflet-[^/]*\.js$/.test(u))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
