/**
 * Tuning aid: prints the misses on the TUNING part of the labelled set only (held-out messages
 * are never shown). Run: npx tsx tests/intent/tuning-misses.ts
 * With `--from N`: only labelled.yaml's messages from the N-th on (0-based), e.g. a batch just
 * written; its held-out fifth is then scored too, as a figure only (its messages are not shown).
 */
import { loadIntentModel } from '../../src/intent/intent-model.js';
import { classifyIntent } from '../../src/intent/classify.js';
import { accuracy, evaluate, loadLabelled } from './labelled-set.js';

const model = loadIntentModel('flows/intents.yaml');
const fromArg = process.argv.indexOf('--from');
const from = fromArg > 0 ? Number(process.argv[fromArg + 1]) : 0;
const items = loadLabelled('tests/intent/labelled.yaml').filter((_, i) => i >= from);
const tuning = evaluate(items.filter((x) => !x.heldOut), model);
for (const o of tuning.filter((x) => !x.ok)) {
  const want = o.item.category ? `${o.item.flow}/${o.item.category}` : o.item.flow;
  const got = o.got.category ? `${o.got.flow}/${o.got.category}` : o.got.flow;
  const r = classifyIntent(o.item.text, model);
  console.log(`${want.padEnd(22)} got ${got.padEnd(22)} ${o.item.text}   [${r.matched.join(' ')}] ${r.confidence}`);
}
const a = accuracy(tuning);
console.log(`tuning accuracy: ${a.pct.toFixed(1)}% (${a.right}/${a.total}); flow only ${accuracy(tuning, 'flowOk').pct.toFixed(1)}%`);
if (from > 0) {
  const held = evaluate(items.filter((x) => x.heldOut), model);
  const h = accuracy(held);
  console.log(`its held-out fifth: ${h.pct.toFixed(1)}% (${h.right}/${h.total}); flow only ${accuracy(held, 'flowOk').pct.toFixed(1)}%`);
}
