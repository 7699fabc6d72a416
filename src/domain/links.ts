/**
 * The one link table: every page of the mini-program and the query it reads. Every path the
 * product produces — the app's page list, navigation, subscribe messages, reminders, share cards —
 * is made by an entry here, and each page reads its query through the same entry, so a link and
 * the page it opens cannot disagree on a parameter's name.
 *
 *   links.issue({ id: 'abc' })              // 'pages/issue/index?id=abc' (what a subscribe message carries)
 *   absolutePath(links.issue({ id: 'abc' })) // '/pages/issue/index?id=abc' (navigateTo, share cards)
 *   links.issue.parse({ id: 'abc' })        // { id: 'abc' }; undefined when a required parameter is missing
 *
 * Pure and import-free: app.config.ts (evaluated by Taro's build) takes its page list from here.
 */

type Params<Req extends string, Opt extends string> = { [K in Req]: string } & { [K in Opt]?: string }

export interface PageLink<P> {
  /** The page's route as app.json lists it: 'pages/issue/index'. */
  readonly route: string
  /** The query parameters the page reads, required first. */
  readonly params: readonly string[]
  /** The page's path with its query, values URI-encoded, no leading slash. */
  (params: P): string
  /** The query WeChat hands the page (raw or already decoded) → typed params, or undefined when a required one is missing. */
  parse(query: Readonly<Record<string, string | undefined>> | undefined): P | undefined
}

function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * One page. `aliases` name parameters of links already delivered under an older name (messages
 * stay in users' chats after a release): old → current.
 */
function page<Req extends string = never, Opt extends string = never>(
  route: string,
  required: readonly Req[] = [],
  optional: readonly Opt[] = [],
  aliases: Readonly<Record<string, Req | Opt>> = {},
): PageLink<Params<Req, Opt>> {
  const names: string[] = [...required, ...optional]
  const build = (params: Params<Req, Opt>): string => {
    const values = params as Record<string, string | undefined>
    for (const name of required) if (!values[name]) throw new Error(`${route} needs ${name}`)
    const query = names
      .filter((n) => values[n] !== undefined && values[n] !== '')
      .map((n) => `${n}=${encodeURIComponent(values[n]!)}`)
      .join('&')
    return query ? `${route}?${query}` : route
  }
  const parse = (query: Readonly<Record<string, string | undefined>> | undefined): Params<Req, Opt> | undefined => {
    const out: Record<string, string> = {}
    for (const name of names) {
      const alias = Object.keys(aliases).find((old) => aliases[old] === name && query?.[old])
      const raw = query?.[name] || (alias ? query?.[alias] : undefined)
      if (raw) out[name] = decodeOnce(raw)
    }
    return required.every((name) => out[name]) ? (out as Params<Req, Opt>) : undefined
  }
  return Object.assign(build, { route, params: names, parse })
}

export const links = {
  // Main package: what a liaison opening a group card needs, nothing more. The first page is home.
  home: page('pages/index/index'),
  board: page('pages/board/index', [], ['projectId', 'bindToken', 'from']),
  raise: page('pages/raise/index', ['projectId'], ['source', 'visitId']),
  issue: page('pages/issue/index', ['id'], [], { issueId: 'id' }),
  // pkg-work: service team and department handlers.
  week: page('pkg-work/pages/week/index', [], ['from']),
  visit: page('pkg-work/pages/visit/index', ['visitId']),
  queue: page('pkg-work/pages/queue/index', [], ['from']),
  visits: page('pkg-work/pages/visits/index', ['projectId']),
  // Also the visit records, which liaisons open from their project's board.
  visitRecord: page('pkg-work/pages/visit-record/index', ['visitId']),
  // pkg-admin: managers.
  dashboard: page('pkg-admin/pages/dashboard/index'),
  drill: page('pkg-admin/pages/drill/index', ['metric', 'from', 'to'], ['part', 'label', 'groupBy', 'groupKey']),
  issues: page('pkg-admin/pages/issues/index', [], ['supervised']),
  org: page('pkg-admin/pages/org/index'),
  projects: page('pkg-admin/pages/projects/index'),
  projectEdit: page('pkg-admin/pages/project-edit/index', [], ['projectId']),
  calendar: page('pkg-admin/pages/calendar/index', [], ['year']),
  export: page('pkg-admin/pages/export/index'),
  bulletin: page('pkg-admin/pages/bulletin/index', [], ['period', 'from']),
} as const

/** '/pages/…': the form navigateTo / redirectTo / reLaunch and share cards (onShareAppMessage) take. */
export const absolutePath = (link: string): string => (link.startsWith('/') ? link : `/${link}`)

/** The page list of app.json: main-package pages, then one subpackage per `pkg-*` root, in table order. */
export function appPages(): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  const pages: string[] = []
  const subPackages: { root: string; pages: string[] }[] = []
  for (const { route } of Object.values(links)) {
    const [first, ...rest] = route.split('/')
    if (!first.startsWith('pkg-')) {
      pages.push(route)
      continue
    }
    let sub = subPackages.find((s) => s.root === first)
    if (!sub) subPackages.push((sub = { root: first, pages: [] }))
    sub.pages.push(rest.join('/'))
  }
  return { pages, subPackages }
}
