/**
 * Keeps pdf.js from loading @napi-rs/canvas in an extraction worker. Under Node, pdf.js
 * requires that package as soon as it is imported, to polyfill DOMMatrix and Path2D for
 * rendering. Extraction never renders, and loading the native Skia library (35 MB) cost
 * ~20 MB of RSS and ~50 ms of each worker's start (measured by bench/). The package is an
 * optional dependency that pdf.js runs without; a stand-in answers in its place only so
 * that pdf.js does not print warnings about its absence into the CLI's output.
 */
import module from 'node:module';

const STAND_IN = 'exhibit:no-canvas';
const SOURCE = `const unavailable = (what) => class { constructor() { throw new Error(what + ' is not available: extraction workers do not render'); } };
module.exports = { DOMMatrix: unavailable('DOMMatrix'), Path2D: unavailable('Path2D') };`;

/** Call before pdf.js is first imported in this thread. */
export function keepCanvasOut(): void {
  // Without module hooks (older Node) pdf.js simply loads the package as before.
  if (typeof module.registerHooks !== 'function') return;
  module.registerHooks({
    resolve: (specifier, context, next) =>
      specifier === '@napi-rs/canvas' ? { url: STAND_IN, format: 'commonjs', shortCircuit: true } : next(specifier, context),
    load: (url, context, next) =>
      url === STAND_IN ? { format: 'commonjs', source: SOURCE, shortCircuit: true } : next(url, context),
  });
}
