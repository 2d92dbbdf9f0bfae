import type { Flow } from '../engine/flow-schema.js';
import { flowWordForm } from '../vocabulary/word-forms.js';

/**
 * Which flow a message outside any flow starts, read from the flows' own `triggers` (flows/*.yaml):
 * a keyword (报修, 我要报修), a shared location, a photo, the answer to what a push asked. The loader
 * has checked that none of these is claimed twice, so the answer is unique.
 */
export class TriggerIndex {
  private readonly keywords = new Map<string, Flow>();
  /** the flow a location shared outside any flow starts */
  readonly location: Flow | undefined;
  /** the flow a photo sent outside any flow starts (and files the photo with) */
  readonly image: Flow | undefined;
  /** the flow that takes the answer to each question a push asks (feedback, rating) */
  private readonly followUps = new Map<string, Flow>();

  constructor(flows: Iterable<Flow>) {
    const all = [...flows];
    for (const flow of all) for (const k of flow.triggers.keywords) this.keywords.set(flowWordForm(k), flow);
    this.location = all.find((f) => f.triggers.location !== undefined);
    this.image = all.find((f) => f.triggers.image);
    for (const flow of all) if (flow.triggers.followUp) this.followUps.set(flow.triggers.followUp, flow);
  }

  /** the flow that takes the answer to what a push asked (问题解决了吗 → feedback.yaml) */
  followUp(ask: string): Flow | undefined {
    return this.followUps.get(ask);
  }

  /** the flow whose trigger keyword the whole message is */
  keyword(raw: string): Flow | undefined {
    return this.keywords.get(flowWordForm(raw));
  }
}
