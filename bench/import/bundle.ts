/**
 * Bundles the import child and the extraction worker the way scripts/build.ts bundles
 * the app (esbuild, ESM, native and pdf.js packages external), so time and memory are
 * those of the code that ships rather than of Node stripping TypeScript types in every
 * thread, which costs each worker about 10 MB and its start-up time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const requireShim =
  "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);";

/**
 * Write child.mjs and, beside it, pdf-worker.mjs (where the pool looks for it) into `dir`.
 * `dir` must sit under the repository's node_modules so the external packages resolve.
 */
export async function bundleImportChild(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node22',
    external: ['better-sqlite3', 'pdfjs-dist', 'pdfjs-dist/*', 'esbuild'],
    banner: { js: requireShim },
    logLevel: 'warning' as const,
  };
  await Promise.all([
    build({ ...common, entryPoints: [path.join(repoRoot, 'bench/import/child.ts')], outfile: path.join(dir, 'child.mjs') }),
    build({
      ...common,
      entryPoints: [path.join(repoRoot, 'electron/services/workers/pdf-worker.ts')],
      outfile: path.join(dir, 'pdf-worker.mjs'),
    }),
  ]);
  return path.join(dir, 'child.mjs');
}
