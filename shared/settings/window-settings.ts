import { z } from 'zod';

/** The colour theme: the system's, or one the user chose with the Theme control. */
export const ThemeChoice = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

/** A pane id as react-resizable-panels names it (the workbench's own ids are short words). */
const PaneId = z.string().min(1).max(64);

/**
 * Pane sizes by pane id, in percent of the working area (react-resizable-panels' `Layout`); a
 * collapsed pane has size 0, so the layout also says which panes are collapsed. Bounded so a
 * hand-edited file cannot grow without limit.
 */
export const PaneLayout = z
  .record(PaneId, z.number().min(0).max(100))
  .refine((layout) => Object.keys(layout).length <= 16, 'at most 16 panes');
export type PaneLayout = Readonly<Record<string, number>>;

/**
 * What the window remembers across restarts (README "Remembered window settings"): kept by the
 * core in its data folder, so the desktop app and browser mode behave the same.
 */
export const WindowSettings = z.strictObject({
  theme: ThemeChoice,
  /** The pane sizes the user last left; null until a pane was resized. */
  paneLayout: PaneLayout.nullable(),
});
export interface WindowSettings {
  readonly theme: ThemeChoice;
  readonly paneLayout: PaneLayout | null;
}

/** A change to some of the settings (`settings:set`): the rest stay as they are. */
export const WindowSettingsChange = WindowSettings.partial();

/** What a fresh data folder starts with: follow the system, the panes' own default sizes. */
export const DEFAULT_WINDOW_SETTINGS: WindowSettings = { theme: 'system', paneLayout: null };

/** The settings file: versioned, so a later format can read an older one. */
export const WindowSettingsFile = z.strictObject({
  version: z.literal(1),
  settings: WindowSettings,
});
