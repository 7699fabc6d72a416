// globalSetup of the weapp and e2e projects: the demo data template is built once, before the workers.
import { demoDataTemplate } from './demoData'

export default async function setup(): Promise<void> {
  await demoDataTemplate()
}
