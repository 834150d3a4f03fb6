/**
 * Sweep over the pdf.js test corpus beside the repo (../shared/corpus/pdfjs): every file
 * imports or fails as its manifest says, page counts match, and every listed phrase is
 * found by search on its page. Skipped, with a message, where the corpus is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import type { ImportResult } from '../../shared/ipc/contract.ts';

const CORPUS = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const MANIFEST = path.join(CORPUS, 'manifest.json');
const present = fs.existsSync(MANIFEST);

interface Phrase {
  page: number;
  phrase: string;
  also_on_pages?: number[];
  ocr_garbled?: boolean;
}

async function pagesFor(s: Services, documentId: string, query: string): Promise<number[]> {
  const res = await callTyped(s.router, 'search.query', { query, limit: 200 });
  return res.results.filter((h) => h.documentId === documentId).map((h) => h.page);
}

/**
 * Phrases poppler reads but pdf.js 6 does not extract at all. Each is asserted to be still
 * missing, so the test says when a pdf.js upgrade closes the gap and the entry can go.
 */
const KNOWN_GAPS: Record<string, string> = {
  'issue12963.pdf|СУ ВОРОВ': 'a stamp whose glyphs pdf.js renders but gives no text for',
};

interface Entry {
  name: string;
  pages: number | null;
  expected_behaviour: 'text' | 'no-text-layer' | 'password' | 'corrupt-but-opens' | 'unopenable';
  password?: string;
  check_text?: Phrase[];
  phrases?: Phrase[];
}

const entries: Entry[] = present ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: Entry[] }).files : [];
if (!present)
  console.warn(
    `Corpus sweep skipped: ${MANIFEST} not found (the corpus sits beside the repo in the development workplace only).`,
  );

describe.skipIf(!present)('pdf.js corpus sweep', () => {
  let s: Services;
  let dir: string;
  const results = new Map<string, ImportResult>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-corpus-'));
    s = openServices({ caseDir: path.join(dir, 'case'), create: true, actor: () => 'corpus', rememberCase: false });
    const plain = entries.filter((e) => e.expected_behaviour !== 'password').map((e) => path.join(CORPUS, e.name));
    // Extraction is what is measured here; scanned pages are left unread (ocr: false).
    const list = await callTyped(s.router, 'import.start', { jobId: 'corpus', paths: plain, ocr: false });
    for (const r of list) results.set(path.basename(r.path), r);
    for (const e of entries.filter((x) => x.expected_behaviour === 'password')) {
      const file = path.join(CORPUS, e.name);
      const [locked] = await callTyped(s.router, 'import.start', { jobId: `locked-${e.name}`, paths: [file] });
      results.set(`${e.name}#locked`, locked!);
      const [opened] = await callTyped(s.router, 'import.start', {
        jobId: `open-${e.name}`,
        paths: [file],
        password: e.password,
      });
      results.set(e.name, opened!);
    }
  }, 300_000);

  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s', async (name, e) => {
    const r = results.get(name)!;
    // The import answered for this very file.
    expect(r?.path, name).toContain(name);
    if (e.expected_behaviour === 'unopenable') {
      expect(r.status).toBe('failed');
      expect(r.error).toContain(name);
      return;
    }
    if (e.expected_behaviour === 'password') {
      expect(results.get(`${name}#locked`)!.error).toMatch(/needs a password/);
    }
    expect(r.status, r.error ?? '').toBe('imported');
    if (e.pages !== null) expect(r.pages).toBe(e.pages);
    const doc = await callTyped(s.router, 'documents.get', { documentId: r.documentId! });
    if (e.expected_behaviour === 'no-text-layer') expect(doc.textLayer).toBe(false);
    if ((e.phrases ?? []).length > 0) expect(doc.textLayer).toBe(true);
    // Text in a damaged file is checked like any other phrase on page 1.
    const phrases = [...(e.phrases ?? []), ...(e.check_text ?? [])];
    for (const p of phrases) {
      if (p.ocr_garbled) continue; // text from a broken font encoding, not meant to be searched
      const words = p.phrase.replace(/"/g, ' ');
      const exact = await pagesFor(s, doc.documentId, `"${words}"`);
      // pdf.js and poppler sometimes order a page's text differently (form fields, columns);
      // then every word of the phrase must still be found on that page.
      const found = exact.includes(p.page) ? exact : await pagesFor(s, doc.documentId, words);
      if (KNOWN_GAPS[`${name}|${p.phrase}`]) {
        expect(found, `${name}: "${p.phrase}" is now found; remove it from KNOWN_GAPS`).not.toContain(p.page);
        continue;
      }
      expect(found, `${name}: ${p.phrase}`).toContain(p.page);
      if (!p.also_on_pages && exact.length > 0)
        expect(
          exact.every((n) => n === p.page || n === p.page + 1 || n === p.page - 1),
          `${name}: ${p.phrase} found far from its page: ${exact}`,
        ).toBe(true);
    }
  });
});
