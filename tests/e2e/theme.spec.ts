/**
 * The theme choice: System follows the system's light or dark; Light and Dark hold
 * whatever the system says. Chosen with the mouse or the keyboard in the top bar, or from
 * View > Theme; saved in the settings, and still in force after a reload. At 1280×800
 * and 900×700, with the system in light and in dark.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type AppFixture } from './fixtures.ts';

const background = (page: Page) => page.evaluate('getComputedStyle(document.body).backgroundColor');
const LIGHT = 'rgb(244, 244, 241)';
const DARK = 'rgb(21, 23, 25)';

async function saved(app: AppFixture): Promise<unknown> {
  const res = await app.kase.services.router.call('settings.get', {});
  return res.ok ? (res.value as { theme: string }).theme : res.error.message;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  for (const system of ['light', 'dark'] as const) {
    const other = system === 'light' ? 'dark' : 'light';
    test(`${viewport.width}×${viewport.height}, system ${system}: the theme chosen holds against the system and across a reload`, async ({
      page,
      app,
    }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: system });
      await app.open();
      const select = page.getByRole('combobox', { name: 'Theme' });
      await expect(select).toBeVisible();
      await expect(select).toHaveValue('system');
      expect(await background(page)).toBe(system === 'light' ? LIGHT : DARK);

      // The mouse: pick the other theme than the system's.
      await select.selectOption(other);
      await expect.poll(() => background(page)).toBe(other === 'light' ? LIGHT : DARK);
      await expect.poll(() => saved(app)).toBe(other);
      await app.snap(`theme-${other}-over-system-${system}-${viewport.width}`);
      // The chosen colours, against the system's, keep every contrast and name axe checks.
      expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

      await page.reload();
      await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue(other);
      await expect.poll(() => background(page)).toBe(other === 'light' ? LIGHT : DARK);

      // The keyboard: Tab to the select; the arrow keys step through System, Light, Dark.
      for (let i = 0; i < 30 && !(await select.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
        await page.keyboard.press('Tab');
      }
      await expect(select).toBeFocused();
      await page.keyboard.press('Home');
      await expect(select).toHaveValue('system');
      await expect.poll(() => saved(app)).toBe('system');
      await expect.poll(() => background(page)).toBe(system === 'light' ? LIGHT : DARK);

      // The native menu's View > Theme sends its command to the page, which saves it.
      await app.menu(`theme-${other}`);
      await expect(select).toHaveValue(other);
      await expect.poll(() => saved(app)).toBe(other);
      await expect.poll(() => background(page)).toBe(other === 'light' ? LIGHT : DARK);
      await page.reload();
      await expect.poll(() => background(page)).toBe(other === 'light' ? LIGHT : DARK);
    });
  }
}
