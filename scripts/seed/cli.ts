import { seedDemo } from './index'

const url = process.argv[2] ?? 'http://127.0.0.1:9300'
seedDemo(url).then(
  ({ ms }) => console.log(`demo data seeded in ${ms} ms`),
  (e) => {
    console.error(e)
    process.exit(1)
  },
)
