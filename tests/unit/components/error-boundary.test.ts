// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../renderer/components/ErrorBoundary.js';
import { failedLastTime, markOpened, markOpening } from '../../../renderer/document/last-failure.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let fail = true;
function Fragile(): ReactNode {
  if (fail) throw new RangeError('Maximum call stack size exceeded');
  return createElement('p', { className: 'ok' }, 'Alles gut');
}

describe('ErrorBoundary', () => {
  let host: HTMLDivElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    host.remove();
    vi.restoreAllMocks();
  });

  it('keeps a failing pane to itself, says so calmly, and tries again on request or a new key', async () => {
    fail = true;
    const root = createRoot(host);
    const tree = (key: string) =>
      createElement('div', null, createElement('span', { className: 'sibling' }, 'Rest der App'), createElement(ErrorBoundary, { label: 'Vorschau', resetKey: key, children: createElement(Fragile) }));
    await act(async () => root.render(tree('a')));
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('Diese Ansicht konnte nicht angezeigt werden (Vorschau)');
    expect(host.textContent).toContain('Maximum call stack size exceeded');
    expect(host.querySelector('.sibling')?.textContent).toBe('Rest der App');

    // „Erneut versuchen“ renders the children again (still failing: the message stays).
    const retry = host.querySelector('button');
    expect(retry?.textContent).toBe('Erneut versuchen');
    await act(async () => retry?.click());
    expect(host.querySelector('[role="alert"]')).not.toBeNull();

    fail = false;
    await act(async () => host.querySelector('button')?.click());
    expect(host.querySelector('.ok')?.textContent).toBe('Alles gut');

    fail = true;
    await act(async () => root.render(tree('b')));
    expect(host.querySelector('[role="alert"]')).not.toBeNull();
    fail = false;
    await act(async () => root.render(tree('c')));
    expect(host.querySelector('.ok')).not.toBeNull();
    await act(async () => root.unmount());
  });
});

describe('last-failure', () => {
  it('remembers a post whose opening never finished', () => {
    localStorage.clear();
    expect(failedLastTime('a')).toBe(false);
    markOpening('a');
    expect(failedLastTime('a')).toBe(true);
    expect(failedLastTime('b')).toBe(false);
    markOpened('b');
    expect(failedLastTime('a')).toBe(true);
    markOpened('a');
    expect(failedLastTime('a')).toBe(false);
  });
});
