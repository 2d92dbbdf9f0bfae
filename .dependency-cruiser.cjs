/**
 * The layers of DESIGN.md ("Boundaries"), enforced: `npm run lint:deps`, and `npm run typecheck`
 * (which CI runs) runs it too. Every rule is an error. Paths are matched from the repository root;
 * only src/ is cruised (tests may import anything).
 *
 * tests/architecture/dependency-rules.test.ts plants a violation of each rule in a scratch tree
 * and expects this config to fail on it, so a rule that stops matching is noticed.
 */

/** a cycle counts only if it survives compilation: one `import type` edge is erased, so it breaks the cycle */
const RUNTIME_EDGES_ONLY = { dependencyTypesNot: ['type-only'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment:
        'src/engine is the pure step function: it imports zod, yaml and itself, nothing else (no node: modules, no file I/O, ' +
        'nothing above it). Files are read by the caller (src/flows/load-flows.ts) and handed to compileFlowDir.',
      from: { path: '^src/engine/' },
      to: { pathNot: ['^src/engine/', '^node_modules/(zod|yaml)/'] },
    },
    {
      name: 'wechat-knows-only-the-platform',
      severity: 'error',
      comment: 'src/wechat knows the platform and nothing of residents, flows, cases or the console.',
      from: { path: '^src/wechat/' },
      to: { path: '^src/(runtime|civic|console|engine)/' },
    },
    {
      name: 'civic-is-the-domain',
      severity: 'error',
      comment: 'src/civic is the domain: the runtime, the console, the push worker and WeChat call it, never the other way.',
      from: { path: '^src/civic/' },
      to: { path: '^src/(runtime|console|notify|wechat|engine)/' },
    },
    {
      name: 'console-calls-civic-not-runtime',
      severity: 'error',
      comment:
        'The console and the public pages call src/civic; they never reach into src/runtime. What both need ' +
        '(word forms, channel names) lives below both, in src/vocabulary.',
      from: { path: '^src/(console|public)/' },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'simulator-only-in-local-wiring',
      severity: 'error',
      comment:
        'src/simulator is a local dev tool imitating WeChat: only the local-mode wiring (src/service.ts) mounts it. ' +
        'Anything production code shares with it (server-sent events) lives in src/http.',
      from: { pathNot: ['^src/simulator/', '^src/service[.]ts$'] },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module cycle makes the result depend on which module is imported first (a top-level use meets an ' +
        'uninitialised binding). Type-only cycles are erased at compile time and allowed ' +
        '(src/engine: flow-schema → nodes/* → node-kind → flow-schema, the node kinds describe the flow that holds them).',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: RUNTIME_EDGES_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // the console's bundle (npm run console:build; ignored by git): build output, not source
    exclude: { path: '^src/console/web/dist/' },
    // `import type` edges are seen and marked type-only (no-circular tells them apart)
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
