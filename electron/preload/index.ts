import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, ipcChannel, ipcEvent } from '../common/ipc/channels';
import type { KladdeApi, KladdeEvents } from '../common/ipc/contract';

// One bridge method per channel and one subscription per event; ipcRenderer itself never reaches the page.
const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(channel), ...args);
}
for (const event of EVENTS) {
  api[`on${event[0]?.toUpperCase()}${event.slice(1)}`] = (listener: (payload: unknown) => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcEvent(event), wrapped);
    return () => {
      ipcRenderer.removeListener(ipcEvent(event), wrapped);
    };
  };
}

contextBridge.exposeInMainWorld('kladde', api as KladdeApi & KladdeEvents);
