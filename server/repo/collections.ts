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
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
