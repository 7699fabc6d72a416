import type { dashboardContract } from '../../src/domain/contract/dashboard'
import type { Handlers } from '../runtime/entry'
import { bulletin } from './bulletin'
import { drill } from './drill'
import { exportPeriod } from './export'
import { summary } from './summary'

export const dashboardHandlers: Handlers<typeof dashboardContract> = { summary, drill, export: exportPeriod, bulletin }
