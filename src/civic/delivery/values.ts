/** The stored values of delivery records (no imports: the console's browser app reads them through its contract). */

/** provider: a contracted company or organisation; street: the street office delivers it itself */
export const IMPLEMENTER_KINDS = ['provider', 'street'] as const;
export type ImplementerKind = (typeof IMPLEMENTER_KINDS)[number];

/** 验收合格 / 验收不合格 */
export const ACCEPTANCE_RESULTS = ['passed', 'failed'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];
