// Types for plan.mjs (for the tests and tsc; the scripts themselves are plain ESM).

export interface IndexKeySpec { field: string; direction: 1 | -1 | '2dsphere' }
export interface IndexSpec { name: string; unique?: boolean; keys: IndexKeySpec[] }
export interface CollectionSpec { name: string; indexes: IndexSpec[] }
export interface CollectionsJson { collections: CollectionSpec[] }
export type Rule = Record<string, boolean | string>
export interface RulesJson { $comment?: string; collections: Record<string, Rule> }

/** @cloudbase/manager-node 5.6.5 types/interfaces/flexdb.interface.d.ts */
export interface MgoIndexKeys { Name: string; Direction: string }
export interface MgoKeySchema { MgoIndexKeys: MgoIndexKeys[]; MgoIsUnique: boolean }
export interface CreateIndex { IndexName: string; MgoKeySchema: MgoKeySchema }

export interface TimerTriggerSpec { name: string; type: string; config: string }
export interface FunctionConfigJson {
  timeout?: number
  memorySize?: number
  permissions?: { openapi?: string[] }
  triggers?: TimerTriggerSpec[]
  envVariables?: Record<string, string>
  [key: string]: unknown
}
export interface FunctionPackageJson { main?: string; dependencies?: Record<string, string>; [key: string]: unknown }
export interface FunctionSource { name: string; dir: string; config?: FunctionConfigJson; pkg?: FunctionPackageJson; bundle?: string }

export interface DatabasePlanEntry { name: string; indexes: CreateIndex[] }
export interface RulePlanEntry {
  collection: string
  rule: Rule
  paste: string
  request: { resourceType: 'collection'; resource: string; permission: 'CUSTOM'; securityRule: string }
}
export interface StorageRulesJson {
  $comment?: string
  rule: { read: boolean | string; write: boolean | string }
  uploads: { prefix: string; maxBytes: number; photoExtensions: string[]; documentExtensions: string[]; $comment?: string }
}
/** @cloudbase/manager-node 5.6.5 types/storage/index.d.ts: setStorageAcl(acl: AclType, rule?: IStorageAclRule) */
export interface StorageRulePlan { acl: 'CUSTOM'; rule: { read: boolean | string; write: boolean | string }; paste: string; uploads: StorageRulesJson['uploads'] }
export const STORAGE_RULE_KEYS: string[]
export const MAX_RULE_EXPRESSION: number
export function loadStorageRules(root: string): StorageRulesJson
export function validateStorageRules(json: unknown): string[]
export function storageRulePlan(json: StorageRulesJson): StorageRulePlan
export function sameStorageRule(got: unknown, planned: StorageRulePlan): boolean
export function consoleStorageRuleSteps(planned: StorageRulePlan, envId?: string): string[]

export interface FunctionPlan {
  name: string
  config: { timeout?: number; memorySize?: number; installDependency: boolean }
  triggers: TimerTriggerSpec[]
  openapi: string[]
  envVariables: string[]
  dependencies: Record<string, string>
}
export interface EnvVariableSpec { name: string; source: string; required: boolean; purpose: string; template?: boolean; localOnly?: boolean }
export interface CronField { name: string; min: number; max: number; names?: Record<string, number> }

export const MAX_INDEXES_PER_COLLECTION: number
export const MAX_INDEX_NAME_LENGTH: number
export const COLLECTION_NAME: RegExp
export const INDEX_NAME: RegExp
export const FUNCTION_NAME: RegExp
export const TRIGGER_NAME: RegExp
export const MEMORY_SIZES: number[]
export const TIMEOUT_RANGE: { min: number; max: number }
export const ENV_VARIABLES: EnvVariableSpec[]
export const CRON_FIELDS: CronField[]

export function loadCollections(root: string): CollectionsJson
export function loadRules(root: string): RulesJson
export function loadFunctions(root: string): FunctionSource[]
export function loadTemplateKeys(root: string): string[]

export function createIndexRequest(index: IndexSpec): CreateIndex
export function databasePlan(collectionsJson: CollectionsJson): DatabasePlanEntry[]
export function validateCollections(collectionsJson: CollectionsJson): string[]
export function uniqueIndexCaveats(collectionsJson: CollectionsJson): { collection: string; index: string; fields: string[] }[]

export function rulesCoverage(rulesJson: RulesJson, collectionsJson: CollectionsJson): { missing: string[]; extra: string[] }
export function rulesPlan(rulesJson: RulesJson, collectionsJson: CollectionsJson): RulePlanEntry[]
export function validateRule(rule: unknown): string[]
export function consoleRuleSteps(rulesPlanned: RulePlanEntry[], envId?: string): string[]

export function envVarsIn(text: string, templateKeys?: string[]): string[]
export function declaredEnvVars(templateKeys: string[]): string[]
export function describeEnvVar(name: string): EnvVariableSpec | undefined
export function validateFunctionConfig(config: unknown, pkg: unknown): string[]
export function functionPlan(fn: FunctionSource, templateKeys?: string[]): FunctionPlan

export function validateCron(expr: unknown): { ok: boolean; errors: string[] }

export interface DeployPlan {
  database: DatabasePlanEntry[]
  rules: RulePlanEntry[]
  storageRule: StorageRulePlan
  uniqueCaveats: { collection: string; index: string; fields: string[] }[]
  functions: FunctionPlan[]
  envVariables: EnvVariableSpec[]
  problems: string[]
}
export function deployPlan(root: string): DeployPlan
export function formatDatabasePlan(db: DatabasePlanEntry[]): string[]
export function formatFunctionPlan(fns: FunctionPlan[]): string[]
