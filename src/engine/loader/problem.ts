/** One thing wrong with the flows, printed by flows:check as `file: node: message`. */
export interface Problem {
  file: string;
  node?: string;
  message: string;
}

export const formatProblem = (p: Problem): string => `${p.file}: ${p.node ?? '-'}: ${p.message}`;
