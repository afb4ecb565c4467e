import { readFile } from 'node:fs/promises'
import { AppError } from '../errors'
import { UsageError } from './command'

/** Everything piped to the command, for `-` in place of a file. */
const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** The text of a file the user named, or of stdin for `-`; a clear failure if it can't be read. */
export const readTextOrStdin = async (file: string): Promise<string> => {
  if (file === '-') return readStdin()
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)
    throw new AppError('not_found', `Cannot read ${file}: ${reason}.`)
  }
}

/** JSON the user wrote; a usage error (exit 2) that says where it broke otherwise. */
export const parseJsonArgument = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}`)
  }
}
