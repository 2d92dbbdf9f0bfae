import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { startTranscriptDrain } from '../../src/runtime/transcript-drain.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { QuotaLedger } from '../../src/wechat/api/quota.js';
import type { WechatApi } from '../../src/wechat/api/index.js';
import { DeliveryGate } from '../../src/wechat/delivery-gate.js';
import { dedupeKey, toInboundMessage } from '../../src/wechat/inbound.js';
import { renderReply } from '../../src/wechat/reply.js';
import { parseWechatBody } from '../../src/wechat/xml.js';
import { emptyStats, Resident, SpotGrid, type Persona } from './residents.js';
import { openidFor, WechatMessages } from './wechat-messages.js';

export interface TurnCpu {
  persona: Persona;
  /** CPU µs per message of each measured round (the warm-up rounds left out): a round is two steps of every resident's script, so rounds differ by the steps they hold */
  rounds: number[];
  /** CPU µs per message over all measured rounds (two whole flow scripts, six keyword ones) */
  mean: number;
  messages: number;
  unexpected: number;
}

/**
 * The bot's own cost per message, away from the machine's noise: in this process, one message at
 * a time, no HTTP, no load generator beside it. Body parsing, the delivery gate and the bot's turn
 * run as the webhook runs them, on the in-process store and a PostgreSQL database of its own; the
 * transcript drain moves the lines every 500 messages. Many residents each say little (2 messages
 * a round), so none reaches the rate limit, which would answer with silence and measure nothing.
 * CPU is process.cpuUsage over each round; the first two rounds warm up (JIT, first messages), and
 * the nine measured rounds hold two whole flow scripts (nine steps each), so their mean is the cost
 * of an average message of the script.
 */
export async function turnCpuPass(o: { dbUrl: string; personas: Persona[]; residents?: number; rounds?: number }): Promise<TurnCpu[]> {
  const database = await openDatabase({ url: o.dbUrl, dataDir: 'memory://' });
  await database.migrate();
  const store = new MemoryStore();
  const api = { quota: new QuotaLedger(store) } as unknown as WechatApi;
  const silent = createLogger('silent');
  const runtime = await createRuntime({ db: database.db, store, logger: silent, api: () => api, media: diskMediaStore('/tmp'), publicUrl: () => 'http://localhost' });
  const drain = startTranscriptDrain({ db: database.db, store, logger: silent, everyMs: 3_600_000 });
  const gate = new DeliveryGate(store, { ttlMs: 60_000, budgetMs: 4000 });
  const messages = new WechatMessages();
  const out: TurnCpu[] = [];
  try {
    for (const persona of o.personas) {
      const grid = new SpotGrid(Math.floor(Math.random() * 1_000_000) * 10);
      const tag = `turn${persona[0]}${Date.now().toString(36)}`;
      const residents = Array.from({ length: o.residents ?? 2000 }, (_, i) => new Resident(openidFor(tag, i), persona, i, { grid, lookupMax: () => 20 }));
      const stats = emptyStats();
      const rounds: number[] = [];
      let total = 0;
      let measured = { us: 0, n: 0 };
      for (let round = 0; round < (o.rounds ?? 11); round++) {
        const cpu0 = process.cpuUsage();
        let n = 0;
        for (let k = 0; k < 2; k++) {
          for (const r of residents) {
            const step = r.next();
            const msg = toInboundMessage(parseWechatBody(messages.xml(r.openid, step.input)));
            const key = dedupeKey(msg);
            const res = await gate.deliver(
              { dedupeKey: key, openid: msg.fromUser },
              (commit, claim) => runtime.handler(msg, { dedupeKey: key, commit, claim }),
              () => {},
              { claimedBy: 'compute' },
            );
            const first = res.kind === 'answered' ? res.messages[0] : undefined;
            r.read(messages.readReply(first ? renderReply(first, { toUser: msg.fromUser, fromUser: msg.toUser, createTime: msg.createTime }) : 'success'), stats);
            if (++n % 500 === 0) await drain.drain();
          }
        }
        const used = process.cpuUsage(cpu0);
        if (round >= 2) {
          rounds.push(Math.round((used.user + used.system) / n));
          measured = { us: measured.us + used.user + used.system, n: measured.n + n };
        }
        total += n;
      }
      out.push({ persona, rounds, mean: Math.round(measured.us / Math.max(1, measured.n)), messages: total, unexpected: stats.unexpected + stats.busy + stats.rateLimited + stats.success });
    }
  } finally {
    await drain.stop();
    await store.close();
    await database.close();
  }
  return out;
}
