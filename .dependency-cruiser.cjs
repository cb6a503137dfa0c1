// The dependency rule between Parvis's packages (README, "How it fits together"), checked in
// npm test (scripts/src/boundaries.test.ts runs depcruise with this file).
const OURS = '^(engine|workers|graphql|portal|designer|processes|scripts|test)/';

module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment: 'The engine imports nothing of ours, nor Temporal: the same code runs everywhere.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: [OURS.replace('engine|', ''), 'node_modules/@temporalio/'] },
    },
    {
      name: 'designer-over-engine',
      comment: 'The designer builds on the engine only.',
      severity: 'error',
      from: { path: '^designer/' },
      to: { path: '^(workers|graphql|portal|processes|scripts|test)/' },
    },
    {
      name: 'workers-over-engine',
      comment: 'The workers build on the engine only.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(graphql|portal|designer|processes|scripts|test)/' },
    },
    {
      name: 'graphql-over-engine',
      comment: "The API builds on the engine, and on the workers only for the workflow's message definitions.",
      severity: 'error',
      from: { path: '^graphql/' },
      to: { path: '^(workers|portal|designer|processes|scripts|test)/', pathNot: '^workers/src/messages\\.ts$' },
    },
    {
      name: 'portal-over-designer',
      comment: 'The portal reaches the server only through GraphQL over HTTP.',
      severity: 'error',
      from: { path: '^portal/' },
      to: { path: '^(workers|graphql|processes|scripts|test)/' },
    },
    {
      name: 'processes-over-engine',
      comment: 'The shipped procedures build on the engine only.',
      severity: 'error',
      from: { path: '^processes/' },
      to: { path: '^(workers|graphql|portal|designer|scripts|test)/' },
    },
    {
      name: 'no-reaching-into-packages',
      comment:
        'Another package is imported by its name (@parvis/…), through its public face: never by a relative path into its files.',
      severity: 'error',
      from: { path: '^([a-z]+)/' },
      to: { path: OURS, pathNot: '^$1/', dependencyTypes: ['local'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/', '^data/', '^\\.tools/', '^test-results/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.vue', '.json'],
    },
  },
};
