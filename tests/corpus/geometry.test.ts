/**
 * Highlight boxes on the real-world corpus (../shared/corpus/pdfjs), one or more files per
 * producer: Word, Acrobat PDFMaker and Distiller, OpenOffice, pdfTeX, Apache FOP, htmldoc,
 * PDFium, and a copier scan with an OCR text layer whose words sit on a skewed, rotated
 * line. Each manifest phrase is highlighted from inside its first word to inside its last,
 * and every box edge is compared with poppler's word boxes and MuPDF's character quads.
 * Skipped, with a message, where the corpus is absent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { pageLayout } from '../../electron/services/highlights/targets.ts';
import { boxProblems, haveTool, mupdfChars, popplerWords, turnOf } from '../fixtures/geometry-tools.ts';

const CORPUS = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const MANIFEST = path.join(CORPUS, 'manifest.json');
const present = fs.existsSync(MANIFEST) && haveTool('pdftotext') && haveTool('mutool');
if (!present) console.warn(`Corpus geometry skipped: ${MANIFEST}, pdftotext or mutool not found.`);

/** Producer -> files whose phrases are checked (horizontal or turned Latin and Cyrillic text). */
const FILES: Record<string, string[]> = {
  'Microsoft Word': ['annotation-highlight.pdf'],
  'Acrobat PDFMaker for Word': ['bug793632.pdf'],
  'Acrobat Distiller': ['160F-2019.pdf', 'freeculture.pdf', 'rotation.pdf'],
  'OpenOffice Writer': ['pdkids.pdf'],
  pdfTeX: ['tracemonkey.pdf', 'issue918.pdf'],
  'Apache FOP': ['issue14847.pdf'],
  htmldoc: ['TAMReview.pdf'],
  'scanned, then OCR (3-Heights)': ['issue5747.pdf'],
};

interface Phrase {
  page: number;
  phrase: string;
  ocr_garbled?: boolean;
}
const manifest = present
  ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: { name: string; phrases?: Phrase[] }[] }).files
  : [];

/** The phrase cut so it starts and ends inside words (two letters in), when its end words are long enough. */
function midWord(phrase: string): string {
  const words = phrase.split(' ');
  const cut = (w: string, fromStart: boolean) => (/^\p{L}{5,}/u.test(fromStart ? w : [...w].reverse().join('')) ? 2 : 0);
  const head = cut(words[0]!, true);
  const tail = cut(words.at(-1)!, false);
  return phrase.slice(head, phrase.length - tail);
}

describe.skipIf(!present)('glyph-exact boxes on the corpus', () => {
  let s: Services;
  let dir: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-geometry-'));
    s = openServices({ caseDir: path.join(dir, 'case'), create: true, actor: () => 'corpus', rememberCase: false });
    const files = Object.values(FILES).flat();
    const results = await callTyped(s.router, 'import.start', {
      jobId: 'geometry',
      paths: files.map((f) => path.join(CORPUS, f)),
    });
    results.forEach((r, i) => ids.set(files[i]!, r.documentId!));
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [producer, files] of Object.entries(FILES)) {
    it(`${producer}: every box edge within 1 pt of poppler's words and MuPDF's glyphs`, async () => {
      let checked = 0;
      for (const file of files) {
        const documentId = ids.get(file)!;
        const phrases = (manifest.find((f) => f.name === file)?.phrases ?? []).filter((p) => !p.ocr_garbled);
        for (const { page, phrase } of phrases) {
          const quote = midWord(phrase);
          const layout = pageLayout(s.store.db, documentId, page);
          const pdf = path.join(CORPUS, file);
          const { rotation } = s.store.db
            .prepare('SELECT rotation FROM pages WHERE document_id = ? AND page_index = ?')
            .get(documentId, page - 1) as { rotation: number };
          const measured = {
            words: popplerWords(pdf, page, layout.view!, rotation),
            chars: mupdfChars(pdf, page, layout.view!, rotation),
          };
          const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page, quote }] });
          const t = h.targets[0]!;
          const item = layout.items.find((r) => r[0]! <= t.position.start && t.position.start < r[0]! + r[1]!)!;
          const turn = turnOf(item[2]!, item[3]!);
          expect(boxProblems(t.rects, quote, measured, { turn }), `${file} p. ${page}: "${quote}"`).toEqual([]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
