/**
 * GCJ-02 ⇄ WGS-84. Pure: no imports, no DOM: the bot converts a shared location with it as the
 * location arrives (src/runtime/message-input.ts), the console's map draws with it, the tests import it.
 *
 * Cases store the coordinates WeChat sends: the location message (Location_X = latitude,
 * Location_Y = longitude) and the location_select event come from Tencent's map picker, in GCJ-02
 * (国测局坐标, "火星坐标"). 高德 and 腾讯 tiles are drawn in GCJ-02 too; 天地图 and OpenStreetMap
 * tiles are WGS-84 (GPS), where a GCJ-02 point lands a few hundred metres off. GCJ-02 is WGS-84
 * plus a published, deterministic offset applied only inside a rough bounding box of China; the
 * formula is the one eviltransform and coordtransform carry (Krasovsky ellipsoid constants).
 * The inverse has no closed form: gcj02ToWgs84 iterates the forward offset to well under a
 * centimetre (the one-step inverse of those projects is off by up to a few metres).
 */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Krasovsky 1940: semi-major axis (m) and first eccentricity squared */
const A = 6378245.0;
const EE = 0.00669342162296594323;

/** the box the offset is applied in (outside it GCJ-02 is WGS-84) */
export function outOfChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** GCJ-02 minus WGS-84 at a WGS-84 point, in degrees */
function offset({ lat, lng }: LatLng): LatLng {
  const dLat = offsetLat(lng - 105, lat - 35);
  const dLng = offsetLng(lng - 105, lat - 35);
  const rad = (lat / 180) * Math.PI;
  const s = 1 - EE * Math.sin(rad) ** 2;
  return {
    lat: (dLat * 180) / (((A * (1 - EE)) / (s * Math.sqrt(s))) * Math.PI),
    lng: (dLng * 180) / ((A / Math.sqrt(s)) * Math.cos(rad) * Math.PI),
  };
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const d = offset(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/**
 * 1e-9° is about 0.1 mm; the offset changes slowly, so two or three rounds get there. The bound
 * matters: near the box's edge (0.83° N, 73° E) a step can leave the box and the next come back,
 * for ever (gcoord's unbounded loop hung the service on such a point).
 */
const EPSILON = 1e-9;

export function gcj02ToWgs84(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  let w = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    w = { lat: w.lat - dLat, lng: w.lng - dLng };
    if (Math.abs(dLat) < EPSILON && Math.abs(dLng) < EPSILON) break;
  }
  return w;
}
