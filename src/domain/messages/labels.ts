/**
 * The Chinese names of input fields, for messages that say which field is wrong.
 *
 * Two layers, the first that names a key wins:
 * 1. labels attached to one object schema with `withLabels` — where a key means something else in
 *    that object (`name` of a team is 专班名称, of a department 部门名称, of a holiday 节日名称);
 * 2. `FIELD_LABELS`, the zone-wide default for a key wherever it appears.
 * A list's elements are counted with `ITEM_WORDS` ("第 2 个假期"), and the wrappers a person never
 * sees (`command`, `patch`, `arrangement`) are left out of the path.
 */

/** The default label of each input key used by any action. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // people, teams, departments, invites
  name: '姓名',
  phone: '联系电话',
  code: '邀请码',
  kind: '类型',
  maxUses: '可用次数',
  teamId: '服务专班',
  departmentId: '部门',
  contactName: '联系人',
  contactPhone: '联系电话',
  accepted: '订阅的消息',
  bindToken: '分享凭证',
  // projects
  projectId: '项目编号',
  enterpriseName: '企业名称',
  address: '地址',
  location: '定位',
  latitude: '纬度',
  longitude: '经度',
  accuracy: '精度',
  visitWeekday: '走访日',
  contacts: '联系人',
  title: '职务',
  status: '项目状态',
  reason: '理由',
  keyword: '关键词',
  cursor: '分页位置',
  pageSize: '每页条数',
  // visits
  weekKey: '周次',
  fromWeek: '起始周',
  toWeek: '结束周',
  visitId: '走访记录编号',
  checkIn: '签到定位',
  attendees: '参加人',
  side: '参加方',
  minutes: '走访纪要',
  photos: '照片',
  followUps: '跟进事项',
  clientRequestId: '请求编号',
  // issues
  issueId: '问题编号',
  expectedVersion: '问题版本',
  action: '操作类型',
  source: '问题来源',
  category: '问题类别',
  description: '问题描述',
  urgency: '紧急程度',
  leadDepartmentId: '主办部门',
  assistDepartmentIds: '协办部门',
  complexity: '复杂程度',
  text: '内容',
  files: '附件',
  note: '说明',
  passed: '审核结论',
  checklist: '督核清单',
  solved: '“是否解决”',
  allAsksAnswered: '“是否逐项答复”',
  enterpriseContacted: '“是否已联系企业”',
  dateForRemaining: '“是否给出剩余事项办理日期”',
  resolution: '解决情况',
  rating: '满意度评价',
  comment: '意见',
  acknowledgeMismatch: '“确认评价与结果不一致”',
  workingDays: '延期天数',
  approved: '审批结论',
  forEnterprise: '“对企业可见”',
  repeatOf: '原件问题',
  departmentRole: '部门角色',
  state: '问题状态',
  overdue: '“是否逾期”',
  supervised: '“是否督办”',
  ladder: '督办等级',
  // dashboard
  period: '统计期间',
  from: '开始时间',
  to: '结束时间',
  groupBy: '分组方式',
  groupKey: '分组',
  metric: '指标',
  part: '分子或分母',
  document: '“是否生成文档”',
  previous: '“是否上一期”',
  // holiday arrangements
  year: '年份',
  holidays: '放假区间',
  workdays: '调休上班日',
  omitted: '不放假的节日',
  enteredBy: '录入人',
  enteredAt: '录入时间',
}

/** How one element of a list is counted: holidays[1] → 第 2 个假期. */
export const ITEM_WORDS: Readonly<Record<string, string>> = {
  holidays: '个假期',
  workdays: '个调休上班日',
  omitted: '个不放假的节日',
  attendees: '位参加人',
  contacts: '位联系人',
  followUps: '条跟进事项',
  photos: '张照片',
  files: '个附件',
  assistDepartmentIds: '个协办部门',
  accepted: '个订阅的消息',
}

/**
 * Keys that wrap the real fields: left out of a field's label (command.text → 答复), named only when
 * the wrapper itself is wrong (修改内容应为对象) or holds an extra key (操作中含有多余的字段).
 */
export const WRAPPER_KEYS: Readonly<Record<string, string>> = { command: '操作', patch: '修改内容', arrangement: '放假安排' }

const attached = new WeakMap<object, Readonly<Record<string, string>>>()

/**
 * Names the keys of one object schema where they differ from `FIELD_LABELS`; returns the schema itself.
 * @example export const createTeamInput = withLabels(v.object({ name: text(1, 30) }), { name: '专班名称' })
 */
export function withLabels<S extends object>(schema: S, labels: Readonly<Record<string, string>>): S {
  attached.set(schema, { ...attached.get(schema), ...labels })
  return schema
}

/** The labels attached to an object schema (or to the schema a pipe starts from). */
export function labelsOf(schema: unknown): Readonly<Record<string, string>> | undefined {
  if (!schema || typeof schema !== 'object') return undefined
  const own = attached.get(schema)
  if (own) return own
  const first = (schema as { pipe?: unknown[] }).pipe?.[0]
  return first && first !== schema ? labelsOf(first) : undefined
}
