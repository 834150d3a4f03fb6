/**
 * Expands an unzipped bag's data/annotations.jsonld with jsonld.js as an outside reader
 * would, offline: the document loader answers the W3C context's address with the bag's own
 * data/context/anno.jsonld, once its SHA-256 matches manifest-sha256.txt, and refuses every
 * other address. bundle-jsonld-offline.test.ts runs it under net-guard.ts.
 *
 * Usage: node --import net-guard.ts expand-jsonld.ts BAG_DIR. Prints one JSON line:
 * { ok, loaded (the addresses asked for), expanded } or { ok: false, loaded, error }.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import jsonld from 'jsonld';

const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const COPY = 'data/context/anno.jsonld';
const bag = process.argv[2];
if (!bag) throw new Error('usage: expand-jsonld.ts BAG_DIR');

/** The bag's copy of the context, refused unless the manifest lists it with these bytes' hash. */
function shippedContext(): unknown {
  const manifest = fs.readFileSync(path.join(bag!, 'manifest-sha256.txt'), 'utf8');
  const line = manifest.split('\n').find((l) => l.slice(64) === `  ${COPY}`);
  if (!line) throw new Error(`manifest-sha256.txt does not list ${COPY}`);
  const bytes = fs.readFileSync(path.join(bag!, COPY));
  if (createHash('sha256').update(bytes).digest('hex') !== line.slice(0, 64))
    throw new Error(`${COPY} does not match its SHA-256 in manifest-sha256.txt`);
  return JSON.parse(bytes.toString('utf8'));
}

const loaded: string[] = [];
async function documentLoader(url: string) {
  loaded.push(url);
  if (url !== W3C_CONTEXT) throw new Error(`refused to load ${url}: only ${W3C_CONTEXT} is served, from the bag`);
  return { contextUrl: null, documentUrl: url, document: shippedContext() };
}

/**
 * jsonld.js wraps a loader's error in its own, and says what safe mode refused in an event:
 * the reader wants every reason in the chain.
 */
function reasons(err: unknown): string {
  const out: string[] = [];
  for (let e: unknown = err; e && typeof e === 'object';) {
    const { message, details } = e as { message?: string; details?: { cause?: unknown; event?: unknown } };
    if (message) out.push(message);
    if (details?.event) out.push(JSON.stringify(details.event));
    e = details?.cause;
  }
  return out.join(' <- ');
}

const file = path.join(bag, 'data', 'annotations.jsonld');
try {
  const doc: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const expanded = await jsonld.expand(doc, { documentLoader, base: pathToFileURL(file).href, safe: true });
  console.log(JSON.stringify({ ok: true, loaded, expanded }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, loaded, error: reasons(err) }));
}
