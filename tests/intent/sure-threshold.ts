/**
 * Tuning aid for flows/intents.yaml `topics.sure`: on the TUNING messages only (labelled.yaml
 * without its held-out fifth, fresh.yaml, unseen.yaml; never held-out.yaml), for each threshold,
 * how many reports would have their category named, how often the named one is right, and how
 * often the right one is among the offered taps otherwise. Run: npx tsx tests/intent/sure-threshold.ts
 * With `--from N`: only labelled.yaml's tuning messages from the N-th on (0-based), e.g. messages
 * just written and not yet tuned on, whose confidences are honest (tuned ones are all right).
 */
import { classifyIntent } from '../../src/intent/classify.js';
import { loadIntentModel } from '../../src/intent/intent-model.js';
import { loadLabelled } from './labelled-set.js';

const model = loadIntentModel('flows/intents.yaml');
const fromArg = process.argv.indexOf('--from');
const from = fromArg > 0 ? Number(process.argv[fromArg + 1]) : undefined;
const sets = from === undefined ? ['labelled', 'fresh', 'unseen'] : ['labelled'];
const reports = sets
  .flatMap((f) => loadLabelled(`tests/intent/${f}.yaml`).filter((x, i) => (f !== 'labelled' || !x.heldOut) && (from === undefined || i >= from)))
  .filter((x) => x.flow === 'report')
  .map((x) => ({ x, r: classifyIntent(x.text, model) }))
  .filter(({ r }) => r.flow === model.topics.flow);
console.log(`${reports.length} tuning reports read as reports; threshold: named (right %), offered (right among taps %), asked with the whole list`);
for (let t = 0.2; t <= 0.81; t += 0.05) {
  let named = 0, namedRight = 0, offered = 0, offeredRight = 0, whole = 0;
  for (const { x, r } of reports) {
    const ranked = (r.categories ?? []).map((c) => c.id);
    if (ranked.length === 0) whole++;
    else if ((r.categoryConfidence ?? 0) >= t) {
      named++;
      if (ranked[0] === x.category) namedRight++;
    } else {
      offered++;
      const taps = [...ranked.filter((id) => id !== model.fallbackCategory).slice(0, model.topics.offer), model.fallbackCategory];
      if (taps.includes(x.category!)) offeredRight++;
    }
  }
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
  console.log(`${t.toFixed(2)}: named ${named} (${pct(namedRight, named)}% right), offered ${offered} (${pct(offeredRight, offered)}%), whole list ${whole}`);
}
