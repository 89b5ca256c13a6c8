import type { PaneLayout, ThemeChoice, WindowSettings } from '@shared/settings/window-settings';
import type { SliceCreator } from './harness-state';

export type { PaneLayout, ThemeChoice } from '@shared/settings/window-settings';

export interface LayoutSlice {
  /** The pane sizes the user last left; null until a pane was resized. */
  readonly paneLayout: PaneLayout | null;
  readonly setPaneLayout: (layout: PaneLayout) => void;
  readonly theme: ThemeChoice;
  readonly setTheme: (theme: ThemeChoice) => void;
  /** What the core remembered from an earlier session (README "Remembered window settings"). */
  readonly applyWindowSettings: (settings: WindowSettings) => void;
}

/**
 * The pane sizes and the theme. The core keeps them across restarts (nothing is persisted in the
 * browser); the slice holds them for the life of the window, so switching between the live
 * timeline and a replay remounts the panes as the user left them.
 */
export const createLayoutSlice: SliceCreator<LayoutSlice> = (set) => ({
  paneLayout: null,
  setPaneLayout: (paneLayout) => set({ paneLayout }),
  theme: 'system',
  setTheme: (theme) => set({ theme }),
  applyWindowSettings: ({ theme, paneLayout }) => set({ theme, paneLayout }),
});
