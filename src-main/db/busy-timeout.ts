/** How long a writer waits for another process (the desktop app, the CLI) to release the file. */
export const BUSY_TIMEOUT_MS = 5000
