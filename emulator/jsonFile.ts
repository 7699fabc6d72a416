// A JSON document kept in the data dir, written atomically (temp file + rename).
import fs from 'node:fs'
import path from 'node:path'

export class JsonFile<T> {
  constructor(readonly file: string, private readonly empty: () => T) {}

  read(): T {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as T
    } catch {
      return this.empty()
    }
  }

  write(value: T): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(value, null, 2))
    fs.renameSync(tmp, this.file)
  }

  remove(): void {
    fs.rmSync(this.file, { force: true })
  }
}
