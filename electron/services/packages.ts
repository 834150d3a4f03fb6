/**
 * Where a package's files are at run time. In a packaged app the code runs from app.asar,
 * but files that are read by path (WebAssembly binaries, data) or loaded by Node's own
 * loader are shipped unpacked beside it (electron-builder.yml, asarUnpack): their paths are
 * turned to the unpacked copy. From source and from the esbuild bundles nothing changes.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** `file` itself, or its unpacked copy when it lies inside a packaged app's asar archive. */
export function unpackedPath(file: string): string {
  return file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

/** A folder of a package (one that exports its package.json), the unpacked copy when packaged. */
export function packageDir(name: string): string {
  return unpackedPath(path.dirname(require.resolve(`${name}/package.json`)));
}

/** A file a package exports by name (`@embedpdf/pdfium/pdfium.wasm`), the unpacked copy when packaged. */
export function packageFile(specifier: string): string {
  return unpackedPath(require.resolve(specifier));
}
