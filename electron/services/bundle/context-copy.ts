/**
 * data/context/anno.jsonld: a JSON-LD context that lets a processor read annotations.jsonld
 * without the network. annotations.jsonld names the W3C context by its address, as the Web
 * Annotation model requires; a reader points the processor's document loader for that address
 * at this file instead (README.txt shows how, for pyld and jsonld.js).
 *
 * No package ships the W3C's anno.jsonld and Exhibit copies nothing from the web, so the file
 * is Exhibit's own (resources/jsonld/annotation-context.jsonld): every term annotations.jsonld
 * takes from the W3C context, each mapped to the IRI and value type the Web Annotation
 * Vocabulary gives it, so those terms expand to the same IRIs as with the W3C's file.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExhibitError } from '../../../shared/errors.ts';
import type { BagFile } from './bagit.ts';

/** The W3C context's address, which annotations.jsonld names first in its "@context". */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Where the copy sits in the bag; annotations.jsonld is data/annotations.jsonld. */
export const CONTEXT_COPY_PATH = 'data/context/anno.jsonld';

/**
 * The context document shipped with the app: the repository's resources/jsonld when run from
 * source, dist/jsonld beside dist/node in a build (scripts/build.ts copies it; in a packaged
 * app that is inside app.asar, which Electron's fs reads like a folder).
 */
function contextFile(): string {
  const here = import.meta.url;
  const relative = here.endsWith('.ts')
    ? '../../../resources/jsonld/annotation-context.jsonld'
    : '../jsonld/annotation-context.jsonld';
  return fileURLToPath(new URL(relative, here));
}

/** The bag file holding Exhibit's offline JSON-LD context, byte for byte as shipped. */
export function contextCopy(): BagFile {
  const file = contextFile();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ExhibitError(
      'unreadable-file',
      `Exhibit's JSON-LD context ${file} cannot be read (${code}); this installation is incomplete, reinstall Exhibit. No bundle was written.`,
      file,
    );
  }
  return { path: CONTEXT_COPY_PATH, bytes };
}
