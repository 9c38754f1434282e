import { createOpenState } from '../lib/open-state';

/** Whether the command palette is open (the key handler, the menu and the palette itself open and close it). */
export const commandPalette = createOpenState();
