import type { SliceCreator } from './harness-state';

/** Pane sizes by pane id, in percent of the working area (react-resizable-panels' `Layout`). */
export type PaneLayout = Readonly<Record<string, number>>;

/** The colour theme: the system's, or one the user chose with the Theme control. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface LayoutSlice {
  /** The pane sizes the user last left; null until a pane was resized. */
  readonly paneLayout: PaneLayout | null;
  readonly setPaneLayout: (layout: PaneLayout) => void;
  readonly theme: ThemeChoice;
  readonly setTheme: (theme: ThemeChoice) => void;
}

/**
 * The pane sizes, kept for the life of the window: switching between the live timeline and a
 * replay remounts the panes, and they come back as the user left them.
 */
export const createLayoutSlice: SliceCreator<LayoutSlice> = (set) => ({
  paneLayout: null,
  setPaneLayout: (paneLayout) => set({ paneLayout }),
  theme: 'system',
  setTheme: (theme) => set({ theme }),
});
