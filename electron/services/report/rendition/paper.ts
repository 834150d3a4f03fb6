/**
 * The paper a text letter is typeset on: US Letter where the reviewer's locale is in the
 * United States or Canada (the two countries whose offices and courts use it), A4
 * everywhere else. The locale is what the reviewer's system says: LC_ALL, LC_PAPER or
 * LANG, in the order POSIX reads them, else the locale the runtime reports (the system
 * setting on Windows and macOS). EXHIBIT_PAPER=a4 or letter overrides it.
 */
import { ExhibitError } from '../../../../shared/errors.ts';

export type Paper = 'a4' | 'letter';

/** Width and height in PDF points (1/72 inch). */
export const PAPER_SIZE: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };

const LETTER_REGIONS = new Set(['US', 'CA']);

/** The region of a POSIX ("en_CA.UTF-8") or BCP 47 ("fr-CA", "en-Latn-US") locale, or null. */
export function localeRegion(locale: string): string | null {
  const parts = locale.split(/[.@]/)[0]!.split(/[_-]/);
  const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
  return region ? region.toUpperCase() : null;
}

/** The paper for this reviewer (see the module comment); a wrong EXHIBIT_PAPER is refused by name. */
export function paperFor(
  env: Record<string, string | undefined> = process.env,
  systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale,
): Paper {
  const forced = env.EXHIBIT_PAPER?.trim().toLowerCase();
  if (forced) {
    if (forced === 'a4' || forced === 'letter') return forced;
    throw new ExhibitError('invalid-args', `EXHIBIT_PAPER must be a4 or letter, not "${env.EXHIBIT_PAPER}"`, 'EXHIBIT_PAPER');
  }
  // "C" and "POSIX" name no country: they say nothing about paper.
  const posix = [env.LC_ALL, env.LC_PAPER, env.LANG].find((v) => v && v !== 'C' && v !== 'POSIX' && !v.startsWith('C.'));
  const region = localeRegion(posix ?? systemLocale);
  return region && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}
