import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { isTrustedSender, registerIpc } = await import('../../../electron/main/ipc/register.js');
const { CHANNELS, ipcChannel } = await import('../../../electron/common/ipc/channels.js');

type Frame = { url: string };
const frame = (url: string): Frame => ({ url });

describe('the IPC sender check', () => {
  it('accepts only the main frame of our own page', () => {
    const main = frame('app://kladde/index.html');
    expect(isTrustedSender(main as never, main as never)).toBe(true);
    const sub = frame('app://kladde/index.html');
    expect(isTrustedSender(sub as never, main as never)).toBe(false);
    const foreign = frame('https://evil.example/');
    expect(isTrustedSender(foreign as never, foreign as never)).toBe(false);
    const otherHost = frame('app://other/index.html');
    expect(isTrustedSender(otherHost as never, otherHost as never)).toBe(false);
    expect(isTrustedSender(null, main as never)).toBe(false);
  });

  it('registers every channel through one wrapper that refuses strangers and validates the rest', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const calls: [string, unknown][] = [];
    registerIpc({ handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(ch, fn) } as never, async (channel, args) => {
      calls.push([channel, args]);
      return { ok: true, value: null };
    });
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());

    const main = frame('app://kladde/index.html');
    const trusted = { senderFrame: main, sender: { mainFrame: main } };
    const evil = frame('https://evil.example/');
    const untrusted = { senderFrame: evil, sender: { mainFrame: evil } };
    const listPosts = handlers.get(ipcChannel('listPosts'));
    expect(await listPosts?.(untrusted)).toEqual({ ok: false, error: { code: 'forbidden', message: 'Unerlaubter Absender' } });
    expect(calls).toEqual([]);
    expect(await listPosts?.(trusted, 'x')).toEqual({ ok: true, value: null });
    expect(calls).toEqual([['listPosts', ['x']]]);
  });
});
