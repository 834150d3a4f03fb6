/**
 * data/annotations.jsonld as a reader outside Exhibit meets it: the W3C collection and page,
 * page-then-passage selectors, positions in characters (checked against the original file's
 * bytes with Python), each source's way to its file in the bag, and the stance links.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { callTyped } from '../../electron/services/router.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

interface Selector {
  type: string;
  conformsTo?: string;
  value?: string;
  exact?: string;
  start?: number;
  end?: number;
  refinedBy?: Selector[];
}
interface Target {
  type: string;
  source: { id: string; type: string; format: string; title: string; url: string };
  selector: Selector;
}
interface Annotation {
  id: string;
  type: string;
  motivation: string;
  body?: unknown;
  target: Target[] | string;
}

// A letter with a byte-order mark, CRLF line ends, accents and characters outside the BMP
// (two UTF-16 units each), so characters, UTF-16 units and bytes all count differently.
const LETTER =
  '\uFEFFDear Rapporteurs,\r\nWe write about the report 😀 of May.\r\n\f' +
  'Résumé 𝄞: we deny that our product infected journalists.\r\nIt ends\f' +
  'here, on page three.\r\n';

async function exported() {
  const s = newCase();
  const dir = tempDir();
  const [report, letter] = await importFiles(s, [
    writePdf(dir, 'NGO report é.pdf', {
      pages: [{ lines: ['Phones of two journalists were infected.', 'The spyware'] }, { lines: ['was sold in 2021.'] }],
    }),
    writeFile(dir, 'letter.txt', new TextEncoder().encode(LETTER)),
  ]);
  const pdfId = report!.documentId!;
  const txtId = letter!.documentId!;
  const across = await callTyped(s.router, 'highlights.create', {
    documentId: pdfId,
    targets: [
      { page: 1, quote: 'The spyware' },
      { page: 2, quote: 'was sold in 2021.' },
    ],
    note: 'Sale "confirmed" — see annex',
  });
  const denial = await callTyped(s.router, 'highlights.create', {
    documentId: txtId,
    targets: [{ page: 2, quote: 'we deny that our product infected journalists' }],
  });
  const textAcross = await callTyped(s.router, 'highlights.create', {
    documentId: txtId,
    targets: [
      { page: 2, quote: 'It ends' },
      { page: 3, quote: 'here, on page three.' },
    ],
  });
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted' });
  await callTyped(s.router, 'links.create', {
    highlightId: denial.highlightId,
    allegationId: a1!.allegationId,
    stance: 'denies',
    rationale: 'The company rejects the finding outright',
  });
  const out = path.join(tempDir(), 'bundle.zip');
  await exportBundle(s.store, { out, reviewer: 'T. Reviewer', configDir: path.join(tempDir(), 'config') });
  const files = await readAll(out);
  const ld = JSON.parse(files.get('data/annotations.jsonld')!.toString('utf8'));
  const byId = (id: string) => (ld.first.items as Annotation[]).find((a) => a.id === `urn:uuid:${id}`)!;
  return {
    s,
    files,
    ld,
    pdfId,
    txtId,
    across: byId(across.highlightId),
    denial: byId(denial.highlightId),
    textAcross: byId(textAcross.highlightId),
    a1: a1!,
  };
}

const refinements = (t: Target) => Object.fromEntries(t.selector.refinedBy!.map((r) => [r.type, r]));

/** What Python reads at [from, to) characters of a file in the bag, decoded as UTF-8 (any BOM dropped). */
function pythonSlice(file: Buffer, from: number, to: number): string {
  const dir = tempDir();
  const p = writeFile(dir, 'original.txt', file);
  const r = spawnSync(
    'python3',
    [
      '-c',
      'import sys; t = open(sys.argv[1], "rb").read().decode("utf-8-sig"); sys.stdout.buffer.write(t[int(sys.argv[2]):int(sys.argv[3])].encode())',
      p,
      String(from),
      String(to),
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('annotations.jsonld', () => {
  it('is a W3C AnnotationCollection whose first AnnotationPage holds the annotations', async () => {
    const { ld } = await exported();
    expect(ld['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(ld['@context'][1]).toMatchObject({ url: { '@id': 'schema:url', '@type': '@id' }, title: 'dcterms:title' });
    expect(ld.type).toBe('AnnotationCollection');
    expect(ld.items).toBeUndefined();
    expect(ld.first).toMatchObject({ type: 'AnnotationPage', partOf: ld.id, startIndex: 0 });
    // Three highlights and one link.
    expect(ld.total).toBe(4);
    expect(ld.first.items).toHaveLength(4);
  });

  it('writes a highlight across a page break as one annotation with one target per page, its note as a commenting body', async () => {
    const { across, s, pdfId } = await exported();
    expect(across.motivation).toBe('highlighting');
    expect(across.body).toEqual({
      type: 'TextualBody',
      value: 'Sale "confirmed" — see annex',
      format: 'text/plain',
      purpose: 'commenting',
    });
    const targets = across.target as Target[];
    expect(targets.map((t) => t.selector.value)).toEqual(['page=1', 'page=2']);
    for (const [i, t] of targets.entries()) {
      expect(t.selector).toMatchObject({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778' });
      const { TextQuoteSelector: quote, TextPositionSelector: position } = refinements(t);
      const page = await callTyped(s.router, 'documents.page', { documentId: pdfId, page: i + 1 });
      // The two refinements are alternatives that select the same text within the page.
      expect(page.text.slice(position!.start, position!.end)).toBe(quote!.exact);
    }
    expect(targets.map((t) => refinements(t).TextQuoteSelector!.exact)).toEqual(['The spyware', 'was sold in 2021.']);
  });

  it('points each source at its original in the bag, with its media type and title', async () => {
    const { files, across, denial } = await exported();
    for (const [t, format] of [
      [(across.target as Target[])[0]!, 'application/pdf'],
      [(denial.target as Target[])[0]!, 'text/plain'],
    ] as const) {
      expect(t.source).toMatchObject({ type: 'Text', format, title: expect.any(String) });
      // "url" is relative to data/annotations.jsonld, percent-encoded as an IRI reference.
      const resolved = new URL(t.source.url, 'file:///bag/data/annotations.jsonld');
      const inBag = decodeURIComponent(resolved.pathname).slice('/bag/'.length);
      const bytes = files.get(inBag);
      expect(bytes?.length, inBag).toBeGreaterThan(0);
      expect(`urn:sha256:${createHash('sha256').update(bytes!).digest('hex')}`).toBe(t.source.id);
    }
    expect((across.target as Target[])[0]!.source.url).toMatch(/^originals\/[0-9a-f]{12}-NGO%20report%20%C3%A9\.pdf$/);
  });

  it("selects a text letter's page by its char= range in the whole file, with positions in characters", async () => {
    const { files, denial, textAcross, s, txtId } = await exported();
    const original = [...files.entries()].find(([n]) => n.startsWith('data/originals/') && n.endsWith('letter.txt'))![1];
    const targets = [...(denial.target as Target[]), ...(textAcross.target as Target[])];
    for (const t of targets) {
      expect(t.selector).toMatchObject({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc5147' });
      const [from, to] = /^char=(\d+),(\d+)$/.exec(t.selector.value!)!.slice(1).map(Number) as [number, number];
      const { TextQuoteSelector: quote, TextPositionSelector: position } = refinements(t);
      // Read straight from the original's bytes: the range is the page, the refinement the quote.
      expect(pythonSlice(original, from + position!.start!, from + position!.end!)).toBe(quote!.exact);
      const pageNo = targets.indexOf(t) === 2 ? 3 : 2;
      const page = await callTyped(s.router, 'documents.page', { documentId: txtId, page: pageNo });
      expect(pythonSlice(original, from, to)).toBe(page.text);
    }
    // Positions count characters: 𝄞 is two UTF-16 units in the page text but one character.
    const position = refinements((denial.target as Target[])[0]!).TextPositionSelector!;
    const page2 = await callTyped(s.router, 'documents.page', { documentId: txtId, page: 2 });
    expect(position.start).toBe(page2.text.indexOf('we deny') - 1);
    expect((textAcross.target as Target[]).map((t) => t.selector.value)).toHaveLength(2);
  });

  it('keeps the stance links as linking annotations on the highlight', async () => {
    const { ld, denial, a1 } = await exported();
    const link = (ld.first.items as Annotation[]).find((a) => a.motivation === 'linking')!;
    expect(link.target).toBe(denial.id);
    expect(link.body).toEqual([
      { type: 'TextualBody', value: 'denies', purpose: 'classifying' },
      { id: `urn:uuid:${a1.allegationId}`, type: 'Claim', identifier: 'A1', title: 'Journalists were targeted' },
      { type: 'TextualBody', value: 'The company rejects the finding outright', format: 'text/plain', purpose: 'describing' },
    ]);
    expect(link).toMatchObject({ creator: { type: 'Person', name: expect.any(String) }, created: expect.any(String) });
  });
});
