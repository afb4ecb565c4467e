import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** Reads a file of the built renderer (its decoded path), refusing any path that escapes its folder. */
export const readStatic = async (
  root: string,
  path: string,
): Promise<{ body: Buffer; type: string } | undefined> => {
  const relative = normalize(path === '/' ? '/index.html' : path)
  const file = join(root, relative)
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
  try {
    const body = await readFile(file)
    return { body, type: contentTypes[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return undefined
  }
}
