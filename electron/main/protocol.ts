/**
 * The app:// scheme: the renderer is served from dist/renderer under one fixed origin
 * (app://exhibit), so the IPC layer can trust a frame by its origin and the CSP can
 * say 'self'. Nothing outside the renderer folder is ever served.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { CSP_HEADER } from '../../shared/csp.ts';
import { viewable, type Viewable } from '../services/documents/viewable.ts';
import type { Services } from '../services/services.ts';
import { APP_HOST, APP_SCHEME, resolveAppFile } from './app-url.ts';

export { APP_HOST, APP_SCHEME, APP_URL } from './app-url.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Must run before the app is ready: a standard, secure scheme gets a real origin and fetch(). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

const ORIGINAL = /^\/original\/([^/]+)$/;

/**
 * A document's original bytes at app://exhibit/original/<id>, streamed from its blob in
 * the case open now, so the viewer's pdf.js reads exactly what was imported.
 */
async function serveOriginal(services: Services | null, encodedId: string): Promise<Response> {
  if (!services) return notFound();
  let documentId: string;
  try {
    documentId = decodeURIComponent(encodedId);
  } catch {
    return notFound();
  }
  let found: Viewable;
  try {
    found = await viewable(services.store.dir, services.store.db, documentId);
    if (found.kind === 'file') await fs.access(found.path);
  } catch {
    return notFound();
  }
  const body = found.kind === 'file' ? (Readable.toWeb(createReadStream(found.path)) as ReadableStream<Uint8Array>) : found.bytes;
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': found.type,
      'Content-Length': String(found.kind === 'file' ? found.size : found.bytes.length),
      'Content-Security-Policy': CSP_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Serve the built renderer on app://exhibit, every response carrying the CSP, and the
 * originals of the current case (`services` is read per request: the case can change).
 */
export function serveRenderer(root: string, services: () => Services | null = () => null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const url = new URL(request.url);
    const original = url.host === APP_HOST ? ORIGINAL.exec(url.pathname) : null;
    if (original) return serveOriginal(services(), original[1]!);
    const file = await resolveAppFile(root, request.url);
    if (!file) return notFound();
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return notFound();
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP_HEADER,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  });
}

/**
 * Answer every file:// request with 403: the UI has no business reading the disk by URL
 * (the session's request filter refuses these too; this holds even if that is bypassed).
 */
export function denyFileScheme(): void {
  protocol.handle('file', () => new Response('Forbidden', { status: 403, headers: { 'Content-Type': 'text/plain' } }));
}
