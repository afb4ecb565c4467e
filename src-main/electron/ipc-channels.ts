/** The two Electron IPC channels that carry the whole contract. */
export const INVOKE_CHANNEL = 'meterbook:invoke'
export const EVENT_CHANNEL = 'meterbook:event'
