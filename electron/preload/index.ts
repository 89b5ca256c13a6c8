import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildHarnessApi, type ApiResult } from '@shared/ipc';

// The whole preload: `window.api`, built from the contract, and nothing else. No logic lives
// here; main validates every call, and the IPC event object never reaches the page.
contextBridge.exposeInMainWorld(
  'api',
  buildHarnessApi({
    call: (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<ApiResult<unknown>>,
    subscribe: (channel, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
