import type { CallHandlers } from '@shared/ipc';
import { err, ok } from '@shared/result';
import type { WindowSettingsStore } from './window-settings-store';

/** The calls of the remembered window settings (README "Remembered window settings"). */
export type SettingsChannel = 'settings:get' | 'settings:set';

/** Their handlers: the part of the core's handler table this module answers. */
export type SettingsCallHandlers = Pick<CallHandlers, SettingsChannel>;

/**
 * Answers the window's settings from the data folder. A file that cannot be written is an
 * `unavailable` value: the change still holds for this core's life.
 */
export function createSettingsHandlers(settings: WindowSettingsStore): SettingsCallHandlers {
  return {
    'settings:get': () => Promise.resolve(ok(settings.get())),
    'settings:set': (changes) => {
      const saved = settings.update(changes);
      return Promise.resolve(
        saved.ok
          ? ok(saved.value)
          : err({ kind: 'unavailable', message: `kept until the harness stops: ${saved.error}` }),
      );
    },
  };
}
