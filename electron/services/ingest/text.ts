/** Plain-text letters (.txt, .md): UTF-8 (or UTF-16 with a BOM); a form feed starts a new page. */
import { ExhibitError } from '../../../shared/errors.ts';
import type { ExtractedDocument } from './extracted.ts';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

function decode(bytes: Uint8Array, file: string): string {
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    return new TextDecoder(bom16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExhibitError('unreadable-file', `${file}: not valid UTF-8 text; save it as UTF-8 and import again`, file);
  }
}

/** Split a text file into pages. Page text keeps the file's characters exactly. */
export function extractText(bytes: Uint8Array, file: string): ExtractedDocument {
  if (bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new ExhibitError('unreadable-file', `${file}: looks like a binary file, not text`, file);
  }
  const text = decode(bytes, file);
  const chunks = text.split('\f');
  // A trailing form feed ends the last page; it does not start an empty one.
  if (chunks.length > 1 && chunks.at(-1)!.trim() === '') chunks.pop();
  const pages = chunks.map((chunk, index) => ({
    index,
    label: null,
    width: 0,
    height: 0,
    rotation: 0,
    text: chunk,
    layout: '{"view":null,"items":[]}',
  }));
  return {
    kind: 'text',
    pageCount: pages.length,
    title: null,
    metadata: null,
    pageLabels: pages.map(() => null),
    pages,
    extractorVersion: 'exhibit-text 1',
  };
}
