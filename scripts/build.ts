/**
 * Builds everything the app and the CLI run from dist/: the Node bundles (main, CLI,
 * extraction worker), the sandboxed preload and the renderer. Native and large
 * runtime packages stay external and are loaded from node_modules at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts: string[]) => path.join(root, ...parts);
// Native and WebAssembly packages load their binaries from beside themselves at run time.
const external = [
  'electron',
  'better-sqlite3',
  'pdfjs-dist',
  'pdfjs-dist/*',
  'sharp',
  '@napi-rs/canvas',
  'tesseract.js-core',
  'tesseract.js-core/*',
  '@tesseract.js-data/*',
  '@embedpdf/pdfium',
  '@embedpdf/pdfium/*',
];

// Bundled CommonJS dependencies may call require(); ESM output has none unless we make one.
const requireShim =
  "import { createRequire as __exhibitRequire } from 'node:module'; const require = __exhibitRequire(import.meta.url);";

/** One self-contained ESM bundle in dist/node; the worker pool finds its lanes' scripts (pdf-worker.mjs…) beside it. */
async function nodeBundle(name: string, entry: string, executable = false): Promise<void> {
  // esbuild keeps a source hashbang on the first line itself; add one only when the source has none.
  const hashbang = executable && !fs.readFileSync(entry, 'utf8').startsWith('#!');
  await esbuild({
    entryPoints: [entry],
    outfile: at(`dist/node/${name}.mjs`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    banner: { js: (hashbang ? '#!/usr/bin/env node\n' : '') + requireShim },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (executable) fs.chmodSync(at(`dist/node/${name}.mjs`), 0o755);
}

async function buildNode(): Promise<void> {
  const jobs = [
    nodeBundle('main', at('electron/main/main.ts')),
    nodeBundle('pdf-worker', at('electron/services/workers/pdf-worker.ts')),
    nodeBundle('ocr-worker', at('electron/services/workers/ocr-worker.ts')),
  ];
  // The CLI is written alongside this build; bundle it whenever it exists.
  const cli = at('electron/cli/exhibit.ts');
  if (fs.existsSync(cli)) jobs.push(nodeBundle('exhibit', cli, true));
  else console.warn('build: electron/cli/exhibit.ts not found; skipping the CLI bundle');
  await Promise.all(jobs);
}

async function buildPreload(): Promise<void> {
  const outfile = at('dist/preload/preload.cjs');
  await esbuild({
    entryPoints: [at('electron/preload/preload.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
  // A sandboxed preload can require 'electron' and nothing else; fail the build rather than the window.
  const code = fs.readFileSync(outfile, 'utf8');
  const stray = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((name) => name !== 'electron');
  if (stray.length > 0)
    throw new Error(`build: the preload requires ${stray.join(', ')}; a sandboxed preload may only require 'electron'`);
}

async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: at('vite.config.ts'), mode: 'production' });
  // pdf.js fetches character maps (CJK fonts) and the standard 14 fonts' data on demand;
  // they are served from our own origin, as the CSP allows nothing else.
  const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const dir of ['cmaps', 'standard_fonts']) {
    fs.cpSync(path.join(pdfjs, dir), at(`dist/renderer/pdfjs/${dir}`), { recursive: true });
  }
}

/**
 * Files the engine reads at run time beside its bundles (dist/** is packaged in app.asar): the
 * JSON-LD context that exports put in every bundle (bundle/context-copy.ts looks for it in
 * dist/jsonld), and the fonts text letters are typeset in for a bundle's renditions, with
 * their licence (dist/fonts).
 */
function copyEngineResources(): void {
  fs.cpSync(at('resources/jsonld'), at('dist/jsonld'), { recursive: true });
  const pkg = path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'));
  fs.mkdirSync(at('dist/fonts'), { recursive: true });
  for (const file of ['DejaVuSansMono.ttf', 'DejaVuSans.ttf'])
    fs.copyFileSync(path.join(pkg, 'ttf', file), at(`dist/fonts/${file}`));
  fs.copyFileSync(path.join(pkg, 'LICENSE'), at('dist/fonts/DejaVu-LICENSE.txt'));
}

const started = performance.now();
for (const dir of ['dist/node', 'dist/preload', 'dist/jsonld', 'dist/fonts'])
  fs.rmSync(at(dir), { recursive: true, force: true });
copyEngineResources();
await Promise.all([buildNode(), buildPreload()]);
await buildRenderer();
console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
