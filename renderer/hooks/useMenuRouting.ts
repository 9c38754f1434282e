import { useEffect, useRef } from 'react';
import type { EventPayload } from '../../electron/common/ipc/contract';
import { onEvent } from '../lib/api';

/** One handler for each command of the app menu. */
export type MenuHandlers = Record<EventPayload<'menuCommand'>['command'], () => void>;

/** Routes the app menu's commands and Ctrl/Cmd+S to their handlers (the latest ones, without re-subscribing). */
export function useMenuRouting(handlers: MenuHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(
    () =>
      onEvent('menuCommand', ({ command }) => {
        latest.current[command]();
      }),
    [],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        latest.current.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
