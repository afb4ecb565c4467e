import type { FormValue, Params } from './types'

type Tree = { [key: string]: Tree | string }

/** `a[b][0]=x` → ['a', 'b', '0']; `expand[]=x` → ['expand', ''] (append). */
const splitKey = (key: string): string[] => {
  const open = key.indexOf('[')
  if (open < 0) return [key]
  const parts = [key.slice(0, open)]
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1] ?? '')
  return parts
}

const insert = (tree: Tree, path: string[], value: string): void => {
  let node = tree
  for (let i = 0; i < path.length - 1; i += 1) {
    const raw = path[i] ?? ''
    const key = raw === '' ? String(Object.keys(node).length) : raw
    const next = node[key]
    if (next === undefined || typeof next === 'string') {
      const child: Tree = {}
      node[key] = child
      node = child
    } else {
      node = next
    }
  }
  const last = path[path.length - 1] ?? ''
  node[last === '' ? String(Object.keys(node).length) : last] = value
}

/** Objects whose keys are all indices were arrays on the client. */
const finish = (node: Tree | string): FormValue => {
  if (typeof node === 'string') return node
  const keys = Object.keys(node)
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => finish(node[k] ?? ''))
  }
  const out: { [key: string]: FormValue } = {}
  for (const k of keys) out[k] = finish(node[k] ?? '')
  return out
}

/** Parses an `application/x-www-form-urlencoded` body or a query string the way Stripe does. */
export const parseForm = (text: string): Params => {
  const tree: Tree = {}
  for (const [key, value] of new URLSearchParams(text)) insert(tree, splitKey(key), value)
  const params: Params = {}
  for (const k of Object.keys(tree)) params[k] = finish(tree[k] ?? '')
  return params
}

/** Key order must not matter when comparing the parameters of two uses of one idempotency key. */
export const canonical = (value: FormValue): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k] ?? '')}`).join(',')}}`
}
