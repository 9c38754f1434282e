import { createOpenState } from '../lib/open-state';

/**
 * Whether the library search is open, so the sidebar's button, the keyboard shortcut and the panel itself can open
 * and close it without threading callbacks through the workspace.
 */
export const searchPanel = createOpenState();
