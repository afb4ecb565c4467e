import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Bridge } from '../../src-shared/ipc/contract'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels'

/**
 * The renderer's only door to main: `invoke` and `on`, nothing else of Electron or Node. Built as
 * CommonJS because a sandboxed preload cannot be an ES module.
 */
const bridge: Bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
  on: (event, listener) => {
    const forward = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload as never)
    }
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld('meterbook', bridge)
