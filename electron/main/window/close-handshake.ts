import { randomUUID } from 'node:crypto';

/** The part of Electron's close/before-quit event the handshake needs. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface CloseHandshakeDeps {
  /** Asks the renderer to save now (the `flushRequest` event); may throw when the renderer is gone. */
  send: (requestId: string) => void;
  /** How long to wait for the renderer's answer before closing anyway (a hung or crashed renderer). */
  timeoutMs?: number;
  newId?: () => string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** How a flush ended: the renderer answered (and whether its save went through), or the time ran out. */
export interface FlushOutcome {
  answered: boolean;
  saved: boolean;
}

export const CLOSE_TIMEOUT_MS = 3000;

/**
 * Makes closing the window (or quitting) wait for the renderer's last save: the first close is prevented,
 * the renderer is asked to flush, and once it answers (or after a bounded wait) the close is done for real.
 * Pure, so it is tested without Electron; window.ts wires it to the window's `close` and the app's `before-quit`.
 */
export class CloseHandshake {
  private readonly pending = new Map<string, (saved: boolean) => void>();
  private released = false;
  private closing: Promise<FlushOutcome> | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly deps: CloseHandshakeDeps) {
    this.timeoutMs = deps.timeoutMs ?? CLOSE_TIMEOUT_MS;
  }

  /** True once the renderer was given its chance: further close events pass through. */
  get isReleased(): boolean {
    return this.released;
  }

  /**
   * Call from a close-type event. The first one is prevented and `proceed` runs after the flush; any call after
   * that (the close `proceed` itself causes) passes. Returns true when the event was let through.
   */
  intercept(event: PreventableEvent, proceed: () => void): boolean {
    if (this.released) return true;
    event.preventDefault();
    if (!this.closing) {
      this.closing = this.flush().then((outcome) => {
        this.released = true;
        proceed();
        return outcome;
      });
    }
    return false;
  }

  /** Asks the renderer to save and waits for its answer, at most `timeoutMs`. Never rejects. */
  flush(): Promise<FlushOutcome> {
    const requestId = (this.deps.newId ?? randomUUID)();
    const setTimer = this.deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    const clearTimer = this.deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    return new Promise<FlushOutcome>((resolve) => {
      const timer = setTimer(() => {
        this.pending.delete(requestId);
        resolve({ answered: false, saved: false });
      }, this.timeoutMs);
      this.pending.set(requestId, (saved) => {
        clearTimer(timer);
        this.pending.delete(requestId);
        resolve({ answered: true, saved });
      });
      try {
        this.deps.send(requestId);
      } catch {
        // No renderer to ask (crashed, not loaded yet): nothing can be saved by waiting.
        clearTimer(timer);
        this.pending.delete(requestId);
        resolve({ answered: false, saved: false });
      }
    });
  }

  /** The renderer's `flushDone`. Unknown or late ids are ignored (false). */
  answer(requestId: string, result: { saved: boolean }): boolean {
    const done = this.pending.get(requestId);
    if (!done) return false;
    done(result.saved);
    return true;
  }
}
