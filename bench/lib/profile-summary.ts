import { readFileSync } from 'node:fs';

/** A V8 .cpuprofile (node --cpu-prof) */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  /** self time by area (package, src/ directory, node internals), busy time only */
  buckets: { area: string; ms: number; pct: number }[];
  /** functions by self time */
  top: { fn: string; where: string; ms: number; pct: number }[];
  /** time with a src/ file anywhere on the stack ("inclusive"), by src/ directory */
  inclusive: { area: string; ms: number; pct: number }[];
}

const IDLE = new Set(['(idle)', '(program)']);

function areaOf(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' ? 'GC' : fn.startsWith('(') ? fn : 'native/builtin';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return `pkg:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) {
    const parts = url.slice(src + 1).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : `${parts[0]}/${parts[1]?.replace(/\.ts$/, '')}`;
  }
  if (url.startsWith('node:')) {
    const m = /^node:(?:internal\/)?([a-z_]+)/.exec(url);
    const mod = m?.[1] ?? 'other';
    if (['http', 'http_parser', '_http_server', '_http_common', '_http_outgoing', '_http_incoming', 'net', 'stream', 'streams', 'dns', 'tls'].includes(mod)) return 'node:http/net/stream';
    if (mod === 'crypto') return 'node:crypto';
    if (mod === 'timers' || mod === 'process') return 'node:timers/process';
    return `node:${mod}`;
  }
  return url.includes('/bench/') ? 'bench' : 'other';
}

export function summarizeProfile(file: string, topN = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const buckets = new Map<string, number>();
  const fns = new Map<string, { where: string; ms: number }>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (IDLE.has(functionName)) continue;
    busy += ms;
    const area = areaOf(url, functionName);
    buckets.set(area, (buckets.get(area) ?? 0) + ms);
    const short = url.replace(/^.*\/(node_modules|src)\//, '$1/').replace(/^file:\/\//, '');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    const f = fns.get(key) ?? { where: `${short}:${lineNumber + 1}`, ms: 0 };
    f.ms += ms;
    fns.set(key, f);
    // inclusive by src/ area: each src/ directory on the stack counts once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (cf.url.includes('/src/')) seen.add(areaOf(cf.url, cf.functionName));
    }
    for (const a of seen) inclusive.set(a, (inclusive.get(a) ?? 0) + ms);
  }
  const pctOf = (ms: number) => Math.round((ms / Math.max(1e-9, busy)) * 1000) / 10;
  const round = (ms: number) => Math.round(ms);
  return {
    totalMs: round(total),
    busyMs: round(busy),
    buckets: [...buckets].map(([area, ms]) => ({ area, ms: round(ms), pct: pctOf(ms) })).sort((a, b) => b.ms - a.ms),
    top: [...fns]
      .map(([k, v]) => ({ fn: k.split(' ')[0]!, where: v.where, ms: round(v.ms), pct: pctOf(v.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN),
    inclusive: [...inclusive].map(([area, ms]) => ({ area, ms: round(ms), pct: pctOf(ms) })).sort((a, b) => b.ms - a.ms),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarizeProfile(process.argv[2]!);
  console.log(JSON.stringify(s, null, 2));
}
