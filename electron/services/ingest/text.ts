/**
 * Plain-text letters (.txt, .md): UTF-8 (or UTF-16 with a BOM); a form feed starts a new
 * page, and a stretch longer than TEXT_PAGE_CHARS between form feeds (a log, a CSV dump)
 * is cut into pages at line ends, so search hits, snippets and highlights point at a page
 * a reviewer can open rather than at one page of 50 MB.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import type { ExtractedDocument } from './extracted.ts';

export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/** The most characters (UTF-16 units) a page of plain text holds; a letter never comes near it. */
export const TEXT_PAGE_CHARS = 64 * 1024;

/**
 * The largest plain-text file read as one document. The text is held in memory whole
 * (a 50 MB dump peaks near 400 MB while it is indexed), and JavaScript cannot hold a
 * string of more than about 512 million characters at all.
 */
export const TEXT_MAX_BYTES = 256 * 1024 ** 2;

function decode(bytes: Uint8Array, file: string): string {
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    return new TextDecoder(bom16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExhibitError('unreadable-file', `${file}: not valid UTF-8 text; save it as UTF-8 and import again`, file);
  }
}

/** Where a page starting at `from` ends: after the last line end that fits, else at the cap (never inside a surrogate pair or a CR LF). */
function pageEnd(text: string, from: number, max: number): number {
  if (text.length - from <= max) return text.length;
  const limit = from + max;
  // By hand rather than lastIndexOf, which would search on past `from` in a text without line ends.
  let cr = -1;
  for (let i = limit - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i + 1;
    // A CR whose LF did not fit stays with it on the next page.
    if (c === 0x0d && cr < 0 && text.charCodeAt(i + 1) !== 0x0a) cr = i;
  }
  if (cr >= 0) return cr + 1;
  const last = text.charCodeAt(limit - 1);
  const pair = (last >= 0xd800 && last <= 0xdbff) || (last === 0x0d && text.charCodeAt(limit) === 0x0a);
  return pair && limit - 1 > from ? limit - 1 : limit;
}

/** Cut text into pages: at form feeds (which belong to no page), then at line ends where a stretch is too long. */
export function splitPages(text: string, max = TEXT_PAGE_CHARS): string[] {
  const sections = text.split('\f');
  // A trailing form feed ends the last page; it does not start an empty one.
  if (sections.length > 1 && sections.at(-1)!.trim() === '') sections.pop();
  return sections.flatMap((section) => {
    const pages: string[] = [];
    let from = 0;
    do {
      const to = pageEnd(section, from, max);
      pages.push(section.slice(from, to));
      from = to;
    } while (from < section.length);
    return pages;
  });
}

/** Split a text file into pages. Page text keeps the file's characters exactly. */
export function extractText(bytes: Uint8Array, file: string): ExtractedDocument {
  if (bytes.length > TEXT_MAX_BYTES) {
    throw new ExhibitError(
      'unsupported-file',
      `${file}: at ${bytes.length.toLocaleString('en')} bytes, this plain-text file is larger than Exhibit reads as one ` +
        `document (${TEXT_MAX_BYTES / 1024 ** 2} MB); split it into smaller files and import those`,
      file,
    );
  }
  if (bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new ExhibitError('unreadable-file', `${file}: looks like a binary file, not text`, file);
  }
  const pages = splitPages(decode(bytes, file)).map((chunk, index) => ({
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
    // 2: long stretches between form feeds are cut into pages.
    extractorVersion: 'exhibit-text 2',
  };
}
