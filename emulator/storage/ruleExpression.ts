/**
 * The expression language of CloudBase storage security rules, as documented
 * (docs.cloudbase.net/storage/security-rules, developers.weixin.qq.com … storage/security-rules):
 * a JavaScript-like boolean expression over `auth` ({ openid } for a mini-program user, null when
 * signed out), `resource` ({ openid: owner, path }) and `now`, with literals, member access,
 * == != === !== < <= > >=, ! && || and parentheses, plus regular-expression literals whose only
 * method is `.test(x)` — and whose result the platform requires to be compared explicitly with
 * true or false (`/^a/.test(resource.path) == true`). Nothing else (no calls, no arithmetic).
 *
 * `parseRuleExpression` throws RuleSyntaxError for anything outside that language, so a rule the
 * local cloud accepts is one the platform documents. Evaluation never throws: an error (e.g. a
 * member of null) denies, as a failed rule does.
 */

export class RuleSyntaxError extends Error {}

type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'regex'; value: RegExp }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; object: Node; property: Node | string }
  | { kind: 'test'; regex: Node; argument: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }

export type RuleExpression = Node

const VARIABLES = ['auth', 'resource', 'now']
const BINARY_LEVELS = [['||'], ['&&'], ['==', '!=', '===', '!=='], ['<', '<=', '>', '>=']]
const PUNCTUATION = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '.', '[', ']']

type Token =
  | { type: 'punct'; text: string; at: number }
  | { type: 'name'; text: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'regex'; value: RegExp; at: number }

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const fail = (why: string): never => {
    throw new RuleSyntaxError(`${why} at ${i}: ${source.slice(i, i + 20)}`)
  }
  while (i < source.length) {
    const c = source[i]
    if (/\s/.test(c)) {
      i++
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!
      tokens.push({ type: 'name', text: m[0], at: i })
      i += m[0].length
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!
      tokens.push({ type: 'number', value: Number(m[0]), at: i })
      i += m[0].length
    } else if (c === '"' || c === "'") {
      let j = i + 1
      let value = ''
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) j++
        value += source[j++]
      }
      if (j >= source.length) fail('unterminated string')
      tokens.push({ type: 'string', value, at: i })
      i = j + 1
    } else if (c === '/') {
      // There is no division: a slash always opens a regular-expression literal.
      let j = i + 1
      let inClass = false
      while (j < source.length && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++
        else if (source[j] === '[') inClass = true
        else if (source[j] === ']') inClass = false
        j++
      }
      if (j >= source.length) fail('unterminated regular expression')
      const flags = /^[gimsuy]*/.exec(source.slice(j + 1))![0]
      try {
        tokens.push({ type: 'regex', value: new RegExp(source.slice(i + 1, j), flags), at: i })
      } catch (e) {
        fail(`bad regular expression (${(e as Error).message})`)
      }
      i = j + 1 + flags.length
    } else {
      const op = PUNCTUATION.find((p) => source.startsWith(p, i))
      if (!op) fail('unexpected character')
      tokens.push({ type: 'punct', text: op!, at: i })
      i += op!.length
    }
  }
  return tokens
}

/** Parses a rule expression; throws RuleSyntaxError outside the documented language. */
export function parseRuleExpression(source: string): RuleExpression {
  const tokens = tokenize(source)
  let pos = 0
  const peek = () => tokens[pos]
  const isPunct = (text: string) => peek()?.type === 'punct' && (peek() as { text: string }).text === text
  const expect = (text: string) => {
    if (!isPunct(text)) throw new RuleSyntaxError(`expected "${text}" at ${peek()?.at ?? source.length}`)
    pos++
  }

  const binary = (level: number): Node => {
    if (level === BINARY_LEVELS.length) return unary()
    let left = binary(level + 1)
    for (;;) {
      const token = peek()
      if (token?.type !== 'punct' || !BINARY_LEVELS[level].includes(token.text)) return left
      pos++
      left = { kind: 'binary', op: token.text, left, right: binary(level + 1) }
    }
  }
  const unary = (): Node => {
    if (isPunct('!')) {
      pos++
      return { kind: 'not', operand: unary() }
    }
    return postfix()
  }
  const postfix = (): Node => {
    let node = primary()
    for (;;) {
      if (isPunct('.')) {
        pos++
        const name = peek()
        if (name?.type !== 'name') throw new RuleSyntaxError(`expected a property name at ${name?.at ?? source.length}`)
        pos++
        if (isPunct('(')) {
          if (name.text !== 'test' || node.kind !== 'regex') throw new RuleSyntaxError(`only /regex/.test(x) may be called, not .${name.text}()`)
          pos++
          const argument = binary(0)
          expect(')')
          node = { kind: 'test', regex: node, argument }
        } else {
          node = { kind: 'member', object: node, property: name.text }
        }
      } else if (isPunct('[')) {
        pos++
        const property = binary(0)
        expect(']')
        node = { kind: 'member', object: node, property }
      } else if (isPunct('(')) {
        throw new RuleSyntaxError('only /regex/.test(x) may be called')
      } else {
        return node
      }
    }
  }
  const primary = (): Node => {
    const token = peek()
    if (!token) throw new RuleSyntaxError('unexpected end of expression')
    pos++
    if (token.type === 'number' || token.type === 'string') return { kind: 'literal', value: token.value }
    if (token.type === 'regex') return { kind: 'regex', value: token.value }
    if (token.type === 'name') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' }
      if (token.text === 'null') return { kind: 'literal', value: null }
      if (!VARIABLES.includes(token.text)) throw new RuleSyntaxError(`unknown variable ${token.text} (rules know ${VARIABLES.join(', ')})`)
      return { kind: 'variable', name: token.text }
    }
    if (token.text === '(') {
      const inner = binary(0)
      expect(')')
      return inner
    }
    throw new RuleSyntaxError(`unexpected "${token.text}" at ${token.at}`)
  }

  const tree = binary(0)
  if (pos < tokens.length) throw new RuleSyntaxError(`unexpected "${source.slice(tokens[pos].at, tokens[pos].at + 20)}" after the expression`)
  requireComparedTests(tree, false)
  return tree
}

/** The platform requires `.test(x) == true` (or != / false), never a bare `.test(x)`. */
function requireComparedTests(node: Node, compared: boolean): void {
  switch (node.kind) {
    case 'test':
      if (!compared) throw new RuleSyntaxError('compare /regex/.test(x) explicitly with true or false (== true)')
      requireComparedTests(node.argument, false)
      return
    case 'binary': {
      const equality = ['==', '!=', '===', '!=='].includes(node.op)
      requireComparedTests(node.left, equality)
      requireComparedTests(node.right, equality)
      return
    }
    case 'not':
      return requireComparedTests(node.operand, false)
    case 'member':
      requireComparedTests(node.object, false)
      if (typeof node.property !== 'string') requireComparedTests(node.property, false)
      return
    default:
      return
  }
}

export interface RuleContext {
  auth: { openid?: string; uid?: string; loginType?: string } | null
  resource: { openid?: string; path: string }
  now: number
}

class RuleEvaluationError extends Error {}

function evaluate(node: Node, ctx: RuleContext): unknown {
  switch (node.kind) {
    case 'literal':
    case 'regex':
      return node.value
    case 'variable':
      return ctx[node.name as keyof RuleContext]
    case 'member': {
      const object = evaluate(node.object, ctx)
      if (object === null || object === undefined) throw new RuleEvaluationError('member of null')
      const key = typeof node.property === 'string' ? node.property : String(evaluate(node.property, ctx))
      return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined
    }
    case 'test': {
      const regex = evaluate(node.regex, ctx) as RegExp
      regex.lastIndex = 0
      return regex.test(String(evaluate(node.argument, ctx)))
    }
    case 'not':
      return !evaluate(node.operand, ctx)
    case 'binary': {
      if (node.op === '&&') return evaluate(node.left, ctx) ? evaluate(node.right, ctx) : false
      if (node.op === '||') return evaluate(node.left, ctx) ? true : evaluate(node.right, ctx)
      const a = evaluate(node.left, ctx) as any
      const b = evaluate(node.right, ctx) as any
      switch (node.op) {
        case '==': case '===': return a === b || (a == null && b == null)
        case '!=': case '!==': return !(a === b || (a == null && b == null))
        case '<': return a < b
        case '<=': return a <= b
        case '>': return a > b
        default: return a >= b
      }
    }
  }
}

/** A rule value (boolean or expression) → allowed? Only a result of exactly `true` allows. */
export function ruleAllows(rule: boolean | RuleExpression | undefined, ctx: RuleContext): boolean {
  if (rule === undefined || typeof rule === 'boolean') return rule === true
  try {
    return evaluate(rule, ctx) === true
  } catch {
    return false
  }
}
