import { useEffect } from 'react';
import { useHarnessApi } from '../api/api-context';
import { chooseTheme } from '../features/layout/commands';
import type { ThemeChoice } from '../store/layout-slice';
import { selectTheme } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { useHarnessStoreApi } from '../store/use-harness-store-api';

const CHOICES: readonly (readonly [ThemeChoice, string])[] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

const isChoice = (value: string): value is ThemeChoice => CHOICES.some(([c]) => c === value);

/**
 * The "Theme" control: the window follows the system's colour scheme unless the user picks one.
 * The choice is `data-theme` on the root element, which styles.css reads; the core remembers it
 * for the next start (README "Remembered window settings").
 */
export function ThemeControl() {
  const theme = useHarnessStore(selectTheme);
  const store = useHarnessStoreApi();
  const api = useHarnessApi();
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  return (
    <label className="theme-control">
      Theme{' '}
      <select
        value={theme}
        onChange={(e) => {
          if (isChoice(e.target.value)) void chooseTheme(api, store, e.target.value);
        }}
      >
        {CHOICES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
