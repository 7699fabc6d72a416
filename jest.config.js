// One jest run, several projects: pure domain (node), UI render (jsdom),
// local cloud conformance and cloud-function stories (node, real wx-server-sdk), Chromium stories on
// the h5 build, and weapp stories on the production weapp build.
const common = {
  transform: { '^.+\\.(mjs|[jt]sx?)$': 'babel-jest' },
  transformIgnorePatterns: ['/node_modules/(?!(@nutui|chinese-days)/)'],
}

module.exports = {
  // The default reporter, and one that records each file's duration for scripts/test.mjs (JEST_TIMING_FILE).
  reporters: ['default', '<rootDir>/test/support/timingReporter.js'],
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/support/taro-components.mock.tsx',
        '^@tarojs/taro$': '<rootDir>/test/support/taro.mock.ts',
        '\\.(css|less|scss|sass)$': '<rootDir>/test/support/style.mock.js',
      },
    },
    { ...common, displayName: 'emulator', testEnvironment: 'node', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
    { ...common, displayName: 'api', testEnvironment: 'node', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    { ...common, displayName: 'build', testEnvironment: 'node', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    // The demo data is seeded once into a cached data dir (test/support/demoData.ts) before the workers start.
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], globalSetup: '<rootDir>/test/support/demoDataSetup.ts' },
    // Stories on the production weapp build (dist/, run by miniprogram-simulate; never transformed).
    {
      ...common,
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/demoDataSetup.ts',
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
  ],
}
