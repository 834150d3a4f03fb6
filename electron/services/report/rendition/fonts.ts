/**
 * The fonts a text letter is typeset in: DejaVu Sans Mono (a clear monospace that covers
 * Latin, Greek and Cyrillic with their accents, curly quotes and dashes), and DejaVu Sans
 * for what the mono lacks (Hebrew, Armenian, Georgian, many symbols). Both are free to
 * ship (the Bitstream Vera licence, copied beside them). Chinese, Japanese and Korean are
 * in neither; the rendition says so rather than dropping them.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { ExhibitError } from '../../../../shared/errors.ts';

export type Face = 'mono' | 'sans';

export const FONT_FILES: Record<Face, string> = { mono: 'DejaVuSansMono.ttf', sans: 'DejaVuSans.ttf' };

/** The font files' folder: dist/fonts beside the built code (scripts/build.ts puts them there), else the npm package. */
export function fontDir(): string {
  const bundled = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fonts');
  if (fs.existsSync(path.join(bundled, FONT_FILES.mono))) return bundled;
  return path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** A loaded face: its bytes (for pdf-lib to embed) and fontkit's reading of them (to measure). */
export interface LoadedFace {
  bytes: Uint8Array;
  font: Font;
}

const loaded = new Map<Face, LoadedFace>();

/** Read a face once per process; a missing or unreadable file is an error naming it. */
export function loadFace(face: Face): LoadedFace {
  const cached = loaded.get(face);
  if (cached) return cached;
  const file = path.join(fontDir(), FONT_FILES[face]);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new ExhibitError('unreadable-file', `The font for text renditions is missing: ${file}. Reinstall Exhibit.`, file);
  }
  const result = { bytes, font: fontkit.create(bytes) };
  loaded.set(face, result);
  return result;
}
