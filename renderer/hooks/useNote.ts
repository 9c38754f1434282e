import { useEffect, useState } from 'react';

const NOTE_MS = 5000;

/** A short note for the status bar („Bild eingefügt“); it goes away by itself after a few seconds. */
export function useNote(): [string | null, (note: string | null) => void] {
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);
  return [note, setNote];
}
