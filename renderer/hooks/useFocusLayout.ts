import { useMemo } from 'react';
import type { Settings } from '../../electron/common/model/settings';

export interface FocusLayout {
  focus: boolean;
  sidebarShown: boolean;
  previewShown: boolean;
  /** The settings as the editor area and toolbar should see them: the preview as shown now. */
  areaSettings: Settings;
}

/**
 * What shows in focus mode: no library and no fields, and no preview when the settings say so. The saved
 * settings stay as they are, so leaving focus mode brings back exactly what was there.
 */
export function useFocusLayout(settings: Settings): FocusLayout {
  const focus = settings.focusMode;
  const sidebarShown = settings.sidebarVisible && !focus;
  const previewShown = settings.previewVisible && !(focus && settings.focusHidesPreview);
  const areaSettings = useMemo(() => ({ ...settings, previewVisible: previewShown }), [settings, previewShown]);
  return { focus, sidebarShown, previewShown, areaSettings };
}
