import type { HarnessApi } from '@shared/ipc';
import type { PaneLayout, ThemeChoice } from '@shared/settings/window-settings';
import type { HarnessStore } from '../../store/harness-store';

/**
 * The window follows the choice at once; the core keeps it for the next start. A failed save
 * changes nothing on screen: the choice still holds for this window.
 */
export async function chooseTheme(
  api: HarnessApi | null,
  store: HarnessStore,
  theme: ThemeChoice,
): Promise<void> {
  store.getState().setTheme(theme);
  await api?.settings.set({ theme });
}

/**
 * Remembers pane sizes: always for this window (a remount restores them), and in the core when
 * the user moved a separator (not for the sizes the panes take on their own at mount).
 */
export async function rememberPaneLayout(
  api: HarnessApi | null,
  store: HarnessStore,
  layout: PaneLayout,
  byUser: boolean,
): Promise<void> {
  store.getState().setPaneLayout(layout);
  if (byUser) await api?.settings.set({ paneLayout: layout });
}
