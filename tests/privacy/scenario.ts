/**
 * What the privacy test runs under the network guard (node --import net-guard.ts):
 *
 *   probe  — deliberate connection attempts, by every route the guard watches, from the
 *            main thread and from a worker thread, so the test can see the guard catch them;
 *   review — a reviewer's session through the real engine: import PDFs (links, forms,
 *            scripts, CJK fonts when the corpus is there) and a text letter, search,
 *            highlight, link to an allegation, export a signed bundle, verify it and
 *            import it into a second case.
 *
 * Prints one JSON line with what was done; the guard's log says what was attempted.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { callTyped } from '../../electron/services/router.ts';
import { openServices } from '../../electron/services/services.ts';
import { buildPdf } from '../fixtures/pdf-builder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'pdfjs');

async function probe(): Promise<Record<string, unknown>> {
  const tries: [string, () => unknown][] = [
    ['net.connect', () => net.connect(443, 'example.org').on('error', () => undefined)],
    ['tls.connect', () => tls.connect(443, 'example.org').on('error', () => undefined)],
    ['http.get', () => http.get('http://example.org/').on('error', () => undefined)],
    ['fetch', () => fetch('https://example.org/')],
    [
      'dns.lookup',
      () => new Promise((resolve, reject) => dns.lookup('example.org', (err) => (err ? reject(err) : resolve(null)))),
    ],
    ['dns.promises.resolve4', () => dns.promises.resolve4('example.org')],
    ['dgram.createSocket', () => dgram.createSocket('udp4')],
    ['WebSocket', () => new WebSocket('wss://example.org/')],
  ];
  const refused: string[] = [];
  for (const [name, attempt] of tries) {
    try {
      await attempt();
    } catch {
      refused.push(name);
    }
  }
  // And from a worker thread, the way the extraction pool starts its workers (from a file).
  const worker = new Worker(new URL('./probe-worker.ts', import.meta.url));
  const fromWorker = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { refused, fromWorker };
}

async function review(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-privacy-'));
  const open = (name: string) =>
    openServices({
      caseDir: path.join(dir, name),
      create: true,
      pool: { size: 2 },
      actor: () => 'Privacy Reviewer',
      configDir: path.join(dir, 'config'),
      dataDir: path.join(dir, 'data'),
      sampleDir: path.join(ROOT, 'resources', 'sample'),
      rememberCase: false,
    });
  const s = open('case');
  const other = open('receiving-case');
  try {
    const docs = path.join(dir, 'docs');
    fs.mkdirSync(docs);
    fs.writeFileSync(
      path.join(docs, 'report.pdf'),
      buildPdf({
        info: { title: 'NGO report' },
        pages: [
          {
            lines: ['Phones of two journalists were infected.', 'See https://example.org/evidence for the logs.'],
            links: [{ rect: [72, 690, 400, 710], uri: 'https://example.org/evidence' }],
          },
        ],
      }),
    );
    fs.writeFileSync(path.join(docs, 'letter.txt'), 'We deny that our product infected journalists. See https://example.org/.');
    const sample = path.join(ROOT, 'resources', 'sample');
    for (const f of fs.readdirSync(sample)) fs.copyFileSync(path.join(sample, f), path.join(docs, f));
    // Links, annotations, forms with scripts, XFA and a Japanese CID font, when the corpus is beside the repo.
    for (const f of ['annotation-link-text-popup.pdf', '160F-2019.pdf', 'xfa_issue14315.pdf', 'issue16538.pdf'])
      if (fs.existsSync(path.join(CORPUS, f))) fs.copyFileSync(path.join(CORPUS, f), path.join(docs, f));

    const imported = await callTyped(s.router, 'import.start', { jobId: 'privacy', paths: [docs] });
    const report = imported.find((r) => path.basename(r.path) === 'report.pdf')!;
    const hits = await callTyped(s.router, 'search.query', { query: 'journalists' });
    const page = await callTyped(s.router, 'documents.page', { documentId: report.documentId!, page: 1 });
    const h = await callTyped(s.router, 'highlights.create', {
      documentId: report.documentId!,
      targets: [{ page: 1, quote: 'two journalists were infected' }],
      note: 'Key finding',
    });
    const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
    await callTyped(s.router, 'links.create', { highlightId: h.highlightId, allegationId: a1!.allegationId, stance: 'supports' });
    const bundle = path.join(dir, 'bundle.zip');
    await callTyped(s.router, 'bundle.export', { path: bundle });
    const verified = await callTyped(s.router, 'bundle.verify', { path: bundle });
    const merged = await callTyped(other.router, 'bundle.import', { path: bundle });
    return {
      imported: imported.filter((r) => r.status === 'imported').length,
      failed: imported.filter((r) => r.status === 'failed').map((r) => r.error),
      hits: hits.results.length,
      pageChars: page.text.length,
      verified: verified.ok,
      merged: merged.documents.added,
    };
  } finally {
    await s.close();
    await other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
const result = mode === 'probe' ? await probe() : mode === 'review' ? await review() : null;
if (!result) {
  console.error('usage: node --import ./tests/privacy/net-guard.ts tests/privacy/scenario.ts probe|review');
  process.exit(2);
}
console.log(JSON.stringify(result));
