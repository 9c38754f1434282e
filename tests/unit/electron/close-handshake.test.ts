import { describe, expect, it } from 'vitest';
import { CloseHandshake } from '../../../electron/main/window/close-handshake.js';

/** A window stand-in: close events go through the handshake like Electron's `close` listener does. */
class FakeWindow {
  closed = false;
  prevented = 0;
  constructor(private readonly handshake: CloseHandshake) {}
  close(): void {
    let prevented = false;
    this.handshake.intercept({ preventDefault: () => ((prevented = true), this.prevented++) }, () => this.close());
    if (!prevented) this.closed = true;
  }
}

/** Timers under the test's control: `fire()` runs the pending timeouts (no real waiting). */
function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (fn: () => void) => (timers.set(++next, fn), next),
    clearTimer: (t: unknown) => void timers.delete(t as number),
    fire: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const fn of due) fn();
    },
    get pending() {
      return timers.size;
    },
  };
}

function setup(send?: (id: string) => void) {
  const sent: string[] = [];
  const timers = fakeTimers();
  let n = 0;
  const handshake = new CloseHandshake({
    send: send ?? ((id) => sent.push(id)),
    newId: () => `req-${++n}`,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  const win = new FakeWindow(handshake);
  return { handshake, win, sent, timers };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the close handshake', () => {
  it('prevents the first close, asks the renderer to flush, and closes once it answers', async () => {
    const { handshake, win, sent, timers } = setup();
    win.close();
    expect(win.closed).toBe(false);
    expect(sent).toEqual(['req-1']);
    expect(handshake.answer('req-1', { saved: true })).toBe(true);
    await settle();
    expect(win.closed).toBe(true);
    expect(win.prevented).toBe(1);
    expect(timers.pending).toBe(0);
  });

  it('closes after the bounded wait when the renderer never answers', async () => {
    const { win, sent, timers } = setup();
    win.close();
    expect(sent).toHaveLength(1);
    await settle();
    expect(win.closed).toBe(false);
    timers.fire();
    await settle();
    expect(win.closed).toBe(true);
  });

  it('closes at once when the renderer cannot be asked', async () => {
    const { win } = setup(() => {
      throw new Error('renderer gone');
    });
    win.close();
    await settle();
    expect(win.closed).toBe(true);
  });

  it('a second close while waiting asks only once', async () => {
    const { handshake, win, sent } = setup();
    win.close();
    win.close();
    expect(sent).toEqual(['req-1']);
    expect(win.prevented).toBe(2);
    handshake.answer('req-1', { saved: false });
    await settle();
    expect(win.closed).toBe(true);
  });

  it('ignores unknown and late answers', async () => {
    const { handshake, win, timers } = setup();
    expect(handshake.answer('erfunden', { saved: true })).toBe(false);
    win.close();
    timers.fire();
    await settle();
    expect(handshake.answer('req-1', { saved: true })).toBe(false);
    expect(win.closed).toBe(true);
  });

  it('flush() reports whether the renderer answered and saved', async () => {
    const { handshake, timers } = setup();
    const answered = handshake.flush();
    handshake.answer('req-1', { saved: false });
    expect(await answered).toEqual({ answered: true, saved: false });
    const silent = handshake.flush();
    timers.fire();
    expect(await silent).toEqual({ answered: false, saved: false });
    expect(handshake.isReleased).toBe(false);
  });
});
