// A jest reporter for scripts/test.mjs: when JEST_TIMING_FILE is set, writes each test file's
// project, path and duration there as JSON (the per-file table npm test prints at the end).
const fs = require('node:fs')
const path = require('node:path')

class TimingReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
    this.files = []
  }

  onTestResult(test, result) {
    const { start, end } = result.perfStats
    this.files.push({
      project: test.context.config.displayName?.name ?? '',
      file: path.relative(this.rootDir, result.testFilePath),
      ms: Math.max(0, end - start),
      start,
      tests: result.numPassingTests + result.numFailingTests + result.numPendingTests,
      failed: result.numFailingTests > 0 || !!result.testExecError,
    })
  }

  onRunComplete() {
    const out = process.env.JEST_TIMING_FILE
    if (!out) return
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.writeFileSync(out, JSON.stringify(this.files, null, 1))
  }
}

module.exports = TimingReporter
