/**
 * The theme: System (the OS's light or dark), Light or Dark, chosen in the top bar or the
 * View menu and kept in the settings. Applied as `data-theme` on the root element, which
 * fixes the CSS colour scheme (styles.css); with System the page follows
 * `prefers-color-scheme`. In the desktop app the shell sets the same theme before the
 * window opens (electron/main/theme.ts), so the first paint is already right.
 */
import { useEffect, useId } from 'react';
import type { ThemeChoice } from '../../../shared/ipc/contract.ts';
import { useCommand } from '../shortcuts/commands.ts';
import type { SettingsState } from './useSettings.ts';
import './theme.css';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Apply the saved theme to the page, and take the View menu's theme commands. */
export function useTheme(prefs: SettingsState): void {
  const theme = prefs.settings?.theme;
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
  const { setTheme } = prefs;
  useCommand('theme-system', () => void setTheme('system'));
  useCommand('theme-light', () => void setTheme('light'));
  useCommand('theme-dark', () => void setTheme('dark'));
}

/** The theme menu of the top bar: a labelled select, so it works from the keyboard as it is. */
export function ThemeSelect({ theme, onChange }: { theme: ThemeChoice; onChange(theme: ThemeChoice): void }) {
  const id = useId();
  return (
    <div className="theme-choice">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={theme} onChange={(e) => onChange(e.target.value as ThemeChoice)}>
        {(Object.keys(LABELS) as ThemeChoice[]).map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </div>
  );
}
