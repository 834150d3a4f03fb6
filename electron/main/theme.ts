/**
 * The reviewer's theme in the shell. Electron's nativeTheme.themeSource is set from the
 * settings before the window is made, so the window's background, its first paint, the
 * native menus and dialogs and the page's `prefers-color-scheme` all start in the chosen
 * theme (no flash of the other one); a theme saved later is applied the same way.
 * Takes the theme object as an argument so the unit test needs no Electron.
 */
import type { Settings, ThemeChoice } from '../../shared/ipc/contract.ts';
import type { Router } from '../services/router.ts';

/** The part of Electron's nativeTheme this sets. */
export interface ThemeTarget {
  themeSource: ThemeChoice;
}

/** The theme saved in the settings ('system' when none is, or they cannot be read). */
export async function savedTheme(router: Router): Promise<ThemeChoice> {
  const res = await router.call('settings.get', {});
  return res.ok ? (res.value as Settings).theme : 'system';
}

/** The router, with `target` following every theme the reviewer saves; `changed` hears of each change. */
export function withThemeSync(router: Router, target: ThemeTarget, changed: (theme: ThemeChoice) => void): Router {
  return {
    async call(channel, args) {
      const res = await router.call(channel, args);
      if (res.ok && channel === 'settings.set') {
        const { theme } = res.value as Settings;
        if (theme !== target.themeSource) {
          target.themeSource = theme;
          changed(theme);
        }
      }
      return res;
    },
  };
}
