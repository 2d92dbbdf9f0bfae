import type { MapSettings } from './contract.js';

/**
 * The case map's tile URL template (CONSOLE_MAP_TILES), checked at start so a typo stops the
 * service with its name instead of leaving staff with grey squares. The template is Leaflet's:
 * {z} {x} {y} (or {-y} for TMS), {s} takes turns through the subdomains, {r} is '' or '@2x'.
 */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['z', 'x', 'y', '-y', 's', 'r']);
/** Leaflet's default when a template has {s} */
export const DEFAULT_SUBDOMAINS = ['a', 'b', 'c'];

/** "abc" / "1234" → one subdomain per character (as Leaflet reads a string); "t0,t1" → a list */
export function parseSubdomains(value: string | undefined): string[] {
  if (!value) return DEFAULT_SUBDOMAINS;
  return value.includes(',') ? value.split(',').map((s) => s.trim()) : [...value];
}

/** the template with every placeholder filled, one URL per subdomain */
function samples(template: string, subdomains: string[]): string[] {
  const fill = (s: string) => template.replace(PLACEHOLDER, (_m, key: string) => (key === 's' ? s : key === 'r' ? '' : '0'));
  return template.includes('{s}') ? subdomains.map(fill) : [fill('')];
}

/** why a template cannot be used, or undefined when it can */
export function tileTemplateProblem(template: string, subdomains: string[]): string | undefined {
  const example = 'such as https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  if (/\s/.test(template)) return 'must not contain spaces';
  const keys = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = keys.find((k) => !KNOWN.has(k));
  if (unknown !== undefined) return `has an unknown placeholder {${unknown}} (Leaflet fills {z} {x} {y} {-y} {s} {r})`;
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'has an unmatched { or }';
  if (!keys.includes('z') || !keys.includes('x') || !(keys.includes('y') || keys.includes('-y')))
    return `must be a tile URL template with {z}, {x} and {y}, ${example}`;
  for (const url of samples(template, subdomains)) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return `must be an absolute http(s) URL template, ${example}`;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http:// or https:// URL template, ${example}`;
    if (u.username || u.password) return 'must not carry a user name or password';
  }
  return undefined;
}

/** the origins the tiles come from: the console page's CSP lets its images load from these */
export function tileOrigins(map: MapSettings | undefined): string[] {
  if (!map) return [];
  return [...new Set(samples(map.tiles, map.subdomains).map((url) => new URL(url).origin))];
}
