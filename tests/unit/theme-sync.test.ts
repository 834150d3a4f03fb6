/**
 * The shell's theme follows the settings: the saved theme is read before the window is
 * made, and a theme saved from the UI (the top bar, or View > Theme through the UI) is
 * applied at once; other settings and failed calls leave it alone.
 */
import { describe, expect, it } from 'vitest';
import type { ThemeChoice } from '../../shared/ipc/contract.ts';
import { savedTheme, withThemeSync } from '../../electron/main/theme.ts';
import { newCase } from './helpers.ts';

describe('the shell theme', () => {
  it('starts with the saved theme and follows each theme saved afterwards', async () => {
    const s = newCase();
    expect(await savedTheme(s.router)).toBe('system');

    const native: { themeSource: ThemeChoice } = { themeSource: 'system' };
    const heard: ThemeChoice[] = [];
    const router = withThemeSync(s.router, native, (t) => heard.push(t));

    await router.call('settings.set', { theme: 'dark' });
    expect(native.themeSource).toBe('dark');
    await router.call('settings.set', { reviewerName: 'A. Reviewer' });
    await router.call('settings.set', { theme: 'purple' });
    expect(native.themeSource).toBe('dark');
    await router.call('settings.set', { theme: 'light' });
    expect(native.themeSource).toBe('light');
    expect(heard).toEqual(['dark', 'light']);

    // The next start reads what was saved.
    expect(await savedTheme(s.router)).toBe('light');
  });
});
