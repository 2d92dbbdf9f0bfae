import type { Flow } from './flow-schema.js';

/** A community the resident can pick in a `community` node (the runtime passes its street's list). */
export interface Community {
  id: string;
  name: string;
  aliases?: readonly string[];
  /** its street (a `community` node with `streets` asks one street at a time) */
  streetId?: string;
  street?: string;
}

export interface EngineLimits {
  /** nodes entered in one sprint before the engine gives up ("usually a sign of a loop", goflow) */
  maxStepsPerSprint: number;
}

export const defaultLimits: EngineLimits = { maxStepsPerSprint: 100 };

/**
 * Everything the pure engine needs from outside. The clock and ids are injected so a run is
 * reproducible: tests pass a sequential clock and seeded ids. The engine calls now() once per sprint.
 */
export interface EngineContext {
  now(): Date;
  newId(): string;
  /** the loaded flows, by id: resume() finds a session's flow here */
  flows: ReadonlyMap<string, Flow>;
  /** choices for `community` nodes */
  communities?: readonly Community[];
  limits?: Partial<EngineLimits>;
}
