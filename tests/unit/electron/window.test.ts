import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the `electron` module: the binary cannot run here, so the window code is exercised
// against recorders that keep what it configures.
const recorded = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>;
    handlers: Map<string, (...a: unknown[]) => unknown>;
    windowHandlers: Map<string, ((...a: unknown[]) => unknown)[]>;
    closeCalls: number;
    openHandler?: (d: { url: string }) => unknown;
    url?: string;
  }[],
  appHandlers: new Map<string, ((...a: unknown[]) => unknown)[]>(),
  quitCalls: 0,
  external: [] as string[],
  headerHook: null as null | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  permissionHandler: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly record: (typeof recorded.windows)[number];
    readonly webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, handlers: new Map(), windowHandlers: new Map(), closeCalls: 0 };
      recorded.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => {
          record.openHandler = fn;
        },
        on: (event: string, fn: (...a: unknown[]) => unknown) => record.handlers.set(event, fn),
        isCrashed: () => false,
      };
    }
    maximize() {}
    once() {}
    on(event: string, fn: (...a: unknown[]) => unknown) {
      this.record.windowHandlers.set(event, [...(this.record.windowHandlers.get(event) ?? []), fn]);
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 800, height: 600 };
    }
    isMaximized() {
      return false;
    }
    close() {
      this.record.closeCalls++;
    }
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      on: (event: string, fn: (...a: unknown[]) => unknown) => recorded.appHandlers.set(event, [...(recorded.appHandlers.get(event) ?? []), fn]),
      quit: () => void recorded.quitCalls++,
    },
    shell: { openExternal: (url: string) => (recorded.external.push(url), Promise.resolve()) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof recorded.headerHook) => (recorded.headerHook = fn) },
        setPermissionRequestHandler: (fn: typeof recorded.permissionHandler) => (recorded.permissionHandler = fn),
        setPermissionCheckHandler: () => undefined,
      },
    },
  };
});

const { createMainWindow, hardenSession, isExternalUrl, secureWebPreferences, START_URL } = await import('../../../electron/main/window.js');
const { CloseHandshake } = await import('../../../electron/main/window/close-handshake.js');

function openWindow() {
  createMainWindow({ preload: '/app/preload.cjs', bounds: null, onBounds: () => undefined, title: 'Kladde' });
  const w = recorded.windows.at(-1);
  if (!w) throw new Error('no window');
  return w;
}

beforeEach(() => {
  recorded.appHandlers.clear();
  recorded.quitCalls = 0;
  recorded.windows.length = 0;
  recorded.external.length = 0;
});

describe('the main window', () => {
  it('is isolated, sandboxed and without Node', () => {
    const prefs = openWindow().options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
    expect(secureWebPreferences('x').sandbox).toBe(true);
  });

  it('loads the app from its own scheme', () => {
    expect(openWindow().url).toBe(START_URL);
    expect(START_URL).toBe('app://kladde/index.html');
  });

  it('denies every new window and opens only web and mail links outside', () => {
    const w = openWindow();
    for (const url of ['https://example.org/', 'http://example.org/a', 'mailto:a@b.de', 'file:///etc/passwd', 'javascript:alert(1)', 'app://kladde/x', 'data:text/html,x']) {
      expect(w.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(recorded.external).toEqual(['https://example.org/', 'http://example.org/a', 'mailto:a@b.de']);
  });

  it('never navigates the window itself', () => {
    const w = openWindow();
    const navigate = w.handlers.get('will-navigate');
    let prevented = 0;
    navigate?.({ preventDefault: () => prevented++ }, 'https://example.org/');
    navigate?.({ preventDefault: () => prevented++ }, 'file:///etc/passwd');
    expect(prevented).toBe(2);
    expect(recorded.external).toEqual(['https://example.org/']);
    let webview = 0;
    w.handlers.get('will-attach-webview')?.({ preventDefault: () => webview++ });
    expect(webview).toBe(1);
  });

  it('classifies external URLs strictly', () => {
    expect(isExternalUrl('https://x.de')).toBe(true);
    expect(isExternalUrl('HTTPS://x.de')).toBe(true);
    expect(isExternalUrl('javascript:1')).toBe(false);
    expect(isExternalUrl('kladde-media://post/a/b.png')).toBe(false);
    expect(isExternalUrl('nicht eine url')).toBe(false);
  });
});

describe('closing the window', () => {
  function guarded() {
    const sent: string[] = [];
    const handshake = new CloseHandshake({ send: (id) => sent.push(id), newId: () => `r${sent.length + 1}` });
    createMainWindow({ preload: '/app/preload.cjs', bounds: null, onBounds: () => undefined, title: 'Kladde', closeHandshake: handshake });
    const w = recorded.windows.at(-1);
    if (!w) throw new Error('no window');
    const fire = (handlers: ((...a: unknown[]) => unknown)[] | undefined) => {
      let prevented = false;
      for (const h of handlers ?? []) h({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { w, sent, handshake, close: () => fire(w.windowHandlers.get('close')), quit: () => fire(recorded.appHandlers.get('before-quit')) };
  }

  it('waits for the renderer’s flush before closing for real', async () => {
    const { w, sent, handshake, close } = guarded();
    expect(close()).toBe(true);
    expect(sent).toEqual(['r1']);
    expect(w.closeCalls).toBe(0);
    handshake.answer('r1', { saved: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(w.closeCalls).toBe(1);
    // The close that follows goes through.
    expect(close()).toBe(false);
  });

  it('quitting waits the same way, then quits', async () => {
    const { sent, handshake, quit } = guarded();
    expect(quit()).toBe(true);
    handshake.answer(sent[0] ?? '', { saved: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(recorded.quitCalls).toBe(1);
    expect(quit()).toBe(false);
  });

  it('without a handshake the window closes as before', () => {
    const w = openWindow();
    let prevented = false;
    for (const h of w.windowHandlers.get('close') ?? []) h({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(recorded.appHandlers.get('before-quit')).toBeUndefined();
  });
});

describe('the session', () => {
  it('sends a strict CSP with every response and denies every permission', () => {
    hardenSession();
    let headers: Record<string, string[]> = {};
    recorded.headerHook?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    expect(headers['X-Other']).toEqual(['1']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toMatch(/img-src 'self' data: blob: kladde-media:/);
    expect(csp).not.toMatch(/img-src[^;]*https?:/);
    let granted: boolean | null = null;
    recorded.permissionHandler?.({}, 'notifications', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});
