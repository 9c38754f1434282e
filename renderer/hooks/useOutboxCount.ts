import { useEffect, useState } from 'react';
import { api, onEvent } from '../lib/api';

const OPEN_STATES = new Set(['waiting', 'sending', 'failed']);

/**
 * How many outbox jobs are not finished, for the toolbar. When the browser sees the network come back it only
 * tells main; main's outbox decides which waiting jobs go out now.
 */
export function useOutboxCount(): number {
  const [open, setOpen] = useState(0);
  useEffect(() => {
    const count = (jobs: { state: string }[]) => jobs.filter((j) => OPEN_STATES.has(j.state)).length;
    void api.listOutbox().then((r) => r.ok && setOpen(count(r.value)));
    const stop = onEvent('outboxChanged', ({ jobs }) => setOpen(count(jobs)));
    const online = () => void api.networkRestored();
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
    };
  }, []);
  return open;
}
