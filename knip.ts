// knip: unused files, exports, types and dependencies fail `npm run lint` (scripts/lint.mjs), which
// `npm test` runs. The entries are what something outside the import graph loads: Taro (the app,
// its pages in src/domain/links.ts's table, each page's config, the platform files it swaps in),
// esbuild (one bundle per cloud function), the local cloud, the scripts npm and the tests run, and
// jest (its plugin reads jest.config.js: test files and the mocks it maps modules to).
import type { KnipConfig } from 'knip'

const config: KnipConfig = {
  entry: [
    'src/app.ts',
    'src/app.config.ts',
    'src/pages/*/index.{tsx,config.ts}',
    'src/pkg-*/pages/*/index.{tsx,config.ts}',
    // Taro builds pick `x.weapp.ts` / `x.h5.ts` over `x.ts` for their platform.
    'src/**/*.{h5,weapp}.{ts,tsx}',
    'cloudfunctions/*/index.ts',
    'config/index.ts',
    // Started by path: the function worker (emulator/functions/instance.ts), the crash-test
    // database child (test/emulator/database.durability.test.ts), the files probe bundled by
    // test/api/support/filesProbe.ts.
    'emulator/functions/worker.cjs',
    'test/emulator/support/dbChild.ts',
    'test/api/support/filesProbeEntry.ts',
    'scripts/*.mjs',
    'scripts/deploy/*.mjs',
    'scripts/bench/main.ts',
    // The rollups' check / backfill / rebuild command, run by hand and by test/api/support/rollups.ts.
    'scripts/rollups.ts',
    'scripts/seed/cli.ts',
    // The types of plan.mjs for the TypeScript tests that import it.
    'scripts/deploy/plan.d.mts',
  ],
  project: [
    'src/**/*.{ts,tsx}',
    'server/**/*.ts',
    'cloudfunctions/*/index.ts',
    'emulator/**/*.{ts,cjs}',
    'scripts/**/*.{ts,mts,mjs}',
    'test/**/*.{ts,tsx,js}',
    'config/*.ts',
    'types/**/*.d.ts',
  ],
  // Prebuilt CommonJS functions the local cloud's tests deploy as they are.
  ignore: ['test/fixtures/functions/**'],
  // An export its own module uses is not dead code; one nobody uses at all is.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Loaded by the Taro CLI from config/index.ts (framework: 'react', compiler: 'webpack5', the
    // weapp and h5 platforms) and by the code it generates, never imported by ours.
    '@tarojs/plugin-framework-react',
    '@tarojs/plugin-platform-h5',
    '@tarojs/plugin-platform-weapp',
    '@tarojs/react',
    '@tarojs/runtime',
    '@tarojs/webpack5-runner',
    // Babel's helpers, imported by the code babel-preset-taro emits.
    '@babel/runtime',
    // miniprogram-simulate requires it by a computed name (compiler: 'official' in test/weapp).
    'miniprogram-compiler',
    // The SDK under wx-server-sdk, used as is by test/emulator/database.operators.test.ts.
    '@cloudbase/node-sdk',
    // Installed only for a deploy run (scripts/deploy/apply-database.mjs says how); not a dependency.
    '@cloudbase/manager-node',
  ],
  // System programs, not npm packages: hyperfine (the cold-start bench), LibreOffice (an xlsx test).
  ignoreBinaries: ['hyperfine', 'soffice'],
}

export default config
