// The parts of the project and the arrows between them that must never exist. Checked by
// `npm run lint` (scripts/lint.mjs), which `npm test` runs; a broken rule fails with the list of
// offending imports. test/ and scripts/ may import anything.
//
//   src/domain     pure TypeScript: itself and three pure packages, nothing else (no Taro, React,
//                  SDK, I/O, emulator, server or UI)
//   src/ (rest)    the mini-program: never the server side (server/, cloudfunctions/, emulator/,
//                  scripts/, wx-server-sdk)
//   server/        the functions' code: the domain but no other src/, never the emulator; only
//                  server/runtime/ touches wx-server-sdk; server/repo/ (persistence) never the handlers
//   cloudfunctions one entry per function: server/runtime/ around its own server/<name>/ handlers
//                  and its contract, nothing else
//   emulator/      the local cloud: never the product (src/, server/, cloudfunctions/, scripts/)
//   no cycles anywhere; no product code imports test/
const DOMAIN_PACKAGES = ['valibot', 'chinese-days', 'lunar-javascript']
const SDK = '^node_modules/wx-server-sdk/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        `src/domain is pure: it imports only src/domain and ${DOMAIN_PACKAGES.join(', ')} ` +
        '(no Taro, React, wx-server-sdk, Node built-ins, emulator/, server/ or UI folders).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', `^node_modules/(${DOMAIN_PACKAGES.join('|')})/`] },
    },
    {
      name: 'ui-not-to-server-side',
      comment:
        'The mini-program (src/ outside src/domain: pages, subpackages, components, hooks, api, platform) ' +
        'never imports server/, cloudfunctions/, emulator/, scripts/ or wx-server-sdk.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/domain/' },
      to: { path: ['^(server|cloudfunctions|emulator|scripts)/', SDK] },
    },
    {
      name: 'repositories-not-to-handlers',
      comment:
        'server/repo/ is persistence: it imports the domain, server/runtime/ and itself, never the handlers ' +
        '(server/<function>/, server/jobs/, server/notify/, server/shared/ …) that use it.',
      severity: 'error',
      from: { path: '^server/repo/' },
      to: { path: '^server/', pathNot: ['^server/repo/', '^server/runtime/'] },
    },
    {
      name: 'emulator-not-to-product',
      comment: 'The local cloud never imports the product: src/, server/, cloudfunctions/ or scripts/.',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^(src|server|cloudfunctions|scripts)/' },
    },
    {
      name: 'server-not-to-ui',
      comment: 'server/ may use the domain, but no other part of src/ (pages, components, hooks, api, platform).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'server-not-to-emulator-or-tools',
      comment: 'server/ never imports the local cloud, scripts/ or test/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(emulator|scripts|test)/' },
    },
    {
      name: 'sdk-only-in-server-runtime',
      comment: 'Only server/runtime/ imports wx-server-sdk; every other server module goes through it.',
      severity: 'error',
      from: { path: '^(server|cloudfunctions)/', pathNot: '^server/runtime/' },
      to: { path: SDK },
    },
    {
      name: 'functions-through-server-runtime',
      comment:
        'A cloud function entry (cloudfunctions/<name>/index.ts) is server/runtime/ wrapped around its own ' +
        'handlers: it imports server/runtime/, server/<name>/ (its handlers), its contract from ' +
        'src/domain/contract/ and its own folder (config.json), nothing else.',
      severity: 'error',
      from: { path: '^cloudfunctions/([^/]+)/' },
      to: { pathNot: ['^server/runtime/', '^server/$1/', '^src/domain/contract/', '^cloudfunctions/$1/'] },
    },
    {
      name: 'product-not-to-test',
      comment: 'Product code (src/, server/, cloudfunctions/, emulator/) never imports test/.',
      severity: 'error',
      from: { path: '^(src|server|cloudfunctions|emulator)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: each module can be understood (and loaded) after the ones it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  required: [
    {
      name: 'functions-defined-by-server-runtime',
      comment: 'Every cloud function entry is made by server/runtime/entry.ts (defineFunction: parse, caller, envelope).',
      severity: 'error',
      module: { path: '^cloudfunctions/[^/]+/index\\.ts$' },
      to: { path: '^server/runtime/entry\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/fixtures/functions/', '^dist/', '^dist-h5/', '^cloudfunctions/[^/]+/index\\.js$'] },
    // Type-only imports count: the domain may not even name a Taro type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
