import { z } from 'zod';

/** Any JSON value: what a slot, a lookup result or a draft may hold. */
export const jsonValue = z.json();
export type Json = z.infer<typeof jsonValue>;

/** Slots collected by a flow, keyed by result name (category, description, location …). */
export const slotsSchema = z.record(z.string(), jsonValue);
export type Slots = z.infer<typeof slotsSchema>;
