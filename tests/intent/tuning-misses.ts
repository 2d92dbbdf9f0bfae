/**
 * Tuning aid: prints the misses on the TUNING part of the labelled set only (held-out messages
 * are never shown). Run: npx tsx tests/intent/tuning-misses.ts
 */
import { loadIntentModel } from '../../src/intent/intent-model.js';
import { classifyIntent } from '../../src/intent/classify.js';
import { accuracy, evaluate, loadLabelled } from './labelled-set.js';

const model = loadIntentModel('flows/intents.yaml');
const tuning = evaluate(loadLabelled('tests/intent/labelled.yaml').filter((x) => !x.heldOut), model);
for (const o of tuning.filter((x) => !x.ok)) {
  const want = o.item.category ? `${o.item.flow}/${o.item.category}` : o.item.flow;
  const got = o.got.category ? `${o.got.flow}/${o.got.category}` : o.got.flow;
  const r = classifyIntent(o.item.text, model);
  console.log(`${want.padEnd(22)} got ${got.padEnd(22)} ${o.item.text}   [${r.matched.join(' ')}] ${r.confidence}`);
}
const a = accuracy(tuning);
console.log(`tuning accuracy: ${a.pct.toFixed(1)}% (${a.right}/${a.total}); flow only ${accuracy(tuning, 'flowOk').pct.toFixed(1)}%`);
