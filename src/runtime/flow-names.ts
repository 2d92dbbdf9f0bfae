import { CASE_KINDS } from '../civic/kinds/names.js';
import type { KnownNames } from '../engine/loader/name-checks.js';
import { lookupProviders } from './lookups/index.js';

/**
 * The names a flow may use that the runtime gives a meaning to: the kinds a submit node may submit
 * (every case kind: the runtime files it) and the lookups it answers. Boot and flows:check pass
 * these to the loader, so a flow naming anything else stops the start, naming file and node.
 */
export const knownFlowNames = (): KnownNames => ({ kinds: [...CASE_KINDS], lookups: Object.keys(lookupProviders) });
