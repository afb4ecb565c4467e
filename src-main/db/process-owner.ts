import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'

/**
 * When a process started, as the kernel counts it (Linux: field 22 of /proc/PID/stat, in clock
 * ticks since boot); '' where that cannot be read. With the pid it names one process for good:
 * a pid reused by a later process has another start time.
 */
const startTimeOf = (pid: number): string => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? ''
  } catch {
    return ''
  }
}

/** This process, as rows it owns record it: `host#pid#start`. */
export const processOwner = (): string => `${hostname()}#${process.pid}#${startTimeOf(process.pid)}`

/**
 * Whether the process an owner names may still be running. Only a process on this machine can
 * be checked; one elsewhere (a shared ledger) is taken to be alive, as is an unreadable owner.
 */
export const ownerAlive = (owner: string): boolean => {
  const [host = '', pidText = '', start = ''] = owner.split('#')
  const pid = Number(pidText)
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // The pid exists; it is the owner only if it started when the owner did.
  const now = startTimeOf(pid)
  return start === '' || now === '' || now === start
}
