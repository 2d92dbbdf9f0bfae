/**
 * The pure conversation engine: flows as data, two entry points, one output type.
 *
 *   start(flow, trigger, ctx)   → { session, events }
 *   resume(session, input, ctx) → { session, events }
 *
 * No I/O, no clock, no randomness: ctx injects now(), newId(), the loaded flows and the
 * communities. Files are read by the caller (src/flows/load-flows.ts) and compiled here.
 */
export { start } from './start.js';
export { resume } from './resume.js';
export type { SprintResult } from './sprint.js';
export { defaultLimits, type Community, type EngineContext, type EngineLimits } from './context.js';
export { flowTriggersSchema, type FlowTriggers } from './flow-triggers.js';
export { ENGINE_SPEC, flowDefSchema, type Flow, type FlowDef, type FlowNode, type NodeType } from './flow-schema.js';
export { inputSchema, messageInputSchema, type Input, type InputOf, type MessageInput } from './input.js';
export { draftSchema, triggerSchema, type Draft, type Trigger } from './trigger.js';
export { isExpired, parseSession, sessionSchema, SessionParseError, type Session, type SessionStatus } from './session.js';
export { eventSchema, eventTypes, type EndReason, type Event, type EventOf } from './events/index.js';
export type { Json, Slots } from './json.js';
export type { Locale } from './locale.js';
export { compileFlowDir, type FlowDir, type SourceFile } from './loader/compile-flow-dir.js';
export { compileFlows, type Compiled, type FlowFile, type Shared } from './loader/compile-flows.js';
export type { KnownNames } from './loader/name-checks.js';
export { formatProblem, type Problem } from './loader/problem.js';
export { matchKeyword } from './keyword-match.js';
export { parseMoney } from './parse-money.js';
export { parsePhone } from './parse-phone.js';
