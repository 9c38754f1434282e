import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNELS, ipcChannel } from '../../common/ipc/channels.js';
import type { Dispatch } from './dispatch.js';

/** The renderer is served from this custom scheme and host only. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kladde';

/** True only for the main frame of our own page: no iframe, no navigated-away page may call in. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, mainFrame: WebFrameMain | null | undefined): boolean {
  if (!frame || !mainFrame || frame !== mainFrame) return false;
  try {
    // Node's URL gives custom schemes an opaque origin, so compare scheme and host.
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The only user of ipcMain: every channel goes through the sender check and the contract's validation. */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'Unerlaubter Absender' } };
      }
      return dispatch(channel, args);
    });
  }
}
