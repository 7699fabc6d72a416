/** README states what the code decides: its who-sees-what tables are the domain's visibility table. */
import fs from 'node:fs'
import path from 'node:path'
import { whoSeesWhat } from '../../scripts/docs/whoSeesWhat'

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8')

test('README carries the who-sees-what tables exactly as src/domain/visibility.ts decides them', () => {
  expect(README).toContain(whoSeesWhat())
})
