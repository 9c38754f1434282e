// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The renderer's api module, recorded: flushRequest listeners and flushDone answers.
const bridge = vi.hoisted(() => ({
  transport: 'web' as 'web' | 'electron',
  listeners: new Set<(p: { requestId: string }) => void>(),
  answers: [] as [string, { saved: boolean }][],
}));
vi.mock('../../../renderer/lib/api', () => ({
  get transport() {
    return bridge.transport;
  },
  onEvent: (name: string, listener: (p: { requestId: string }) => void) => {
    if (name !== 'flushRequest') throw new Error(`unexpected event ${name}`);
    bridge.listeners.add(listener);
    return () => bridge.listeners.delete(listener);
  },
  api: {
    flushDone: (requestId: string, result: { saved: boolean }) => {
      bridge.answers.push([requestId, result]);
      return Promise.resolve({ ok: true, value: { accepted: true } });
    },
  },
}));

const { installCloseHandshake } = await import('../../../renderer/document/close-handshake.js');

const settle = () => new Promise((r) => setTimeout(r, 0));
const unload = () => {
  const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
  window.dispatchEvent(event);
  return event;
};

beforeEach(() => {
  bridge.listeners.clear();
  bridge.answers.length = 0;
  bridge.transport = 'web';
});

describe('installCloseHandshake', () => {
  it('answers a flush request after saving, with the save’s outcome', async () => {
    const order: string[] = [];
    const stop = installCloseHandshake({
      flush: async () => (order.push('flush'), true),
      isDirty: () => false,
    });
    for (const l of bridge.listeners) l({ requestId: 'r1' });
    await settle();
    expect(order).toEqual(['flush']);
    expect(bridge.answers).toEqual([['r1', { saved: true }]]);
    stop();
    expect(bridge.listeners.size).toBe(0);
  });

  it('answers saved: false when the flush fails, so main still closes', async () => {
    const stop = installCloseHandshake({ flush: () => Promise.reject(new Error('voll')), isDirty: () => true });
    for (const l of bridge.listeners) l({ requestId: 'r2' });
    await settle();
    expect(bridge.answers).toEqual([['r2', { saved: false }]]);
    stop();
  });

  it('in a browser, asks before leaving only while the text is unsaved', () => {
    let dirty = true;
    const stop = installCloseHandshake({ flush: async () => true, isDirty: () => dirty });
    const asked = unload();
    expect(asked.defaultPrevented).toBe(true);
    dirty = false;
    expect(unload().defaultPrevented).toBe(false);
    stop();
    dirty = true;
    expect(unload().defaultPrevented).toBe(false);
  });

  it('in Electron, never vetoes the unload (the handshake has saved already)', () => {
    bridge.transport = 'electron';
    const stop = installCloseHandshake({ flush: async () => true, isDirty: () => true });
    expect(unload().defaultPrevented).toBe(false);
    stop();
  });
});
