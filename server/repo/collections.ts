/** Every collection the functions use; each is declared (with its indexes) in database/collections.json. */
export const COLLECTIONS = {
  users: 'users',
  teams: 'teams',
  departments: 'departments',
  invites: 'invites',
  projects: 'projects',
  /** One document per bound WeChat group, `_id` = openGId: the one-group-one-project guard. */
  groupBindings: 'groupBindings',
  visits: 'visits',
  issues: 'issues',
  calendars: 'calendars',
  notifications: 'notifications',
  subscriptions: 'subscriptions',
  jobs: 'jobs',
  /** One document per spreadsheet a manager exported: where it is and when, so a job deletes it after a day. */
  exports: 'exports',
  /** One document per month whose 通报 the hourly job prepared (`_id` = '2026-11'): its .docx, kept. */
  bulletins: 'bulletins',
  /** The dashboard's sums ahead of time: per view (department, team, project), group and month, and the now figures (server/repo/rollups.ts). */
  rollups: 'rollups',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
