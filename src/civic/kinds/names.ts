/**
 * The case kinds, by name: the one list every enum of kinds is made from (the database column's
 * type, the console contract, pushes). A leaf with no imports, so the console's browser bundle can
 * read it. Each name has a module in this folder, registered in registry.ts, whose type the
 * compiler holds to this list: a name without a module, or a module without a name, does not build.
 */
export const CASE_KINDS = ['report', 'proposal'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const isCaseKind = (s: string): s is CaseKind => (CASE_KINDS as readonly string[]).includes(s);
