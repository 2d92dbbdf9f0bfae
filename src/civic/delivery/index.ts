/** 实施 and after: who delivers a project, its acceptance (验收), milestone photos, third-party evaluations. */
export * from './acceptance-passed.js';
export * from './acceptance.js';
export * from './delivery.js';
export * from './milestone-photo.js';
export * from './stored-file.js';
export * from './third-party-evaluation.js';
export * from './values.js';
