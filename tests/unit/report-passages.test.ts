import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, type ReportModel } from '../../electron/services/report/model.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from '../../electron/services/report/renderers.ts';
import { callTyped } from '../../electron/services/router.ts';
import { displayTitles } from '../../shared/display-titles.ts';
import type { TargetSpec } from '../../shared/ipc/contract.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

const two = (a: string, b: string) => [{ lines: [a] }, { lines: [b] }];

/**
 * PDFs with roman labels, "Page 105" labels and none; passages across page breaks and on
 * one page; two letters of one title and different dates, two of one title and no date;
 * notes on linked and unlinked highlights.
 */
async function passagesCase() {
  const s = newCase();
  const dir = tempDir();
  const files = [
    writePdf(dir, 'preface.pdf', {
      info: { title: 'Annual review' },
      pageLabels: [{ start: 0, style: 'r' }],
      pages: two('The board met in March and', 'agreed to suspend the exports.'),
    }),
    writePdf(dir, 'transcript.pdf', {
      info: { title: 'Hearing transcript' },
      pageLabels: [{ start: 0, style: 'D', prefix: 'Page ', first: 105 }],
      pages: two('The witness said the devices were', 'never sold abroad. Nothing further.'),
    }),
    writePdf(dir, 'plain.pdf', { info: { title: 'Plain memo' }, pages: two('Shipments left in May', 'and arrived in June.') }),
    writePdf(dir, 'a/letter.pdf', {
      info: { title: 'Letter to the Rapporteurs', creationDate: 'D:20210805120000Z' },
      pages: [{ lines: ['We reject the findings of August.'] }],
    }),
    writePdf(dir, 'b/letter.pdf', {
      info: { title: 'Letter to the Rapporteurs', creationDate: 'D:20220110120000Z' },
      pages: [{ lines: ['We reject the findings of January.'] }],
    }),
    writeFile(dir, 'c/reply.txt', 'Reply one: we were never consulted.'),
    writeFile(dir, 'd/reply.txt', 'Reply two: we deny the \u201csale\u201d to the ministry.'),
  ];
  const imported = await importFiles(s, files);
  expect(imported.every((r) => r.status === 'imported')).toBe(true);
  const [preface, transcript, plain, august, january, replyOne, replyTwo] = imported.map((r) => r.documentId!);
  const hl = (documentId: string, targets: TargetSpec[], note?: string) =>
    callTyped(s.router, 'highlights.create', { documentId, targets, note }).then((h) => h.highlightId);
  const h = {
    roman: await hl(
      preface!,
      [{ page: 1, quote: 'met in March and agreed to suspend', acrossPages: true }],
      'Runs over the break',
    ),
    labelled: await hl(transcript!, [
      { page: 1, quote: 'the devices were' },
      { page: 2, quote: 'never sold abroad' },
    ]),
    labelledOne: await hl(transcript!, [{ page: 2, quote: 'Nothing further' }]),
    plain: await hl(plain!, [
      { page: 1, quote: 'left in May' },
      { page: 2, quote: 'and arrived' },
    ]),
    plainOne: await hl(plain!, [{ page: 1, quote: 'Shipments' }]),
    august: await hl(august!, [{ page: 1, quote: 'findings of August' }]),
    january: await hl(january!, [{ page: 1, quote: 'findings of January' }]),
    one: await hl(replyOne!, [{ page: 1, quote: 'never consulted' }]),
    unlinked: await hl(
      replyTwo!,
      [{ page: 1, quote: 'we deny the \u201csale\u201d' }],
      'Check the \u201csale\u201d — café invoice',
    ),
  };
  const [a1] = await callTyped(s.router, 'allegations.import', { text: '- Devices were exported' });
  for (const [key, id] of Object.entries(h)) {
    if (key === 'unlinked') continue;
    await callTyped(s.router, 'links.create', { highlightId: id, allegationId: a1!.allegationId, stance: 'context' });
  }
  const model = buildModel(s.store.db, 'Passages', 'Test Reviewer');
  const sha = (id: string) => model.documents.find((d) => d.documentId === id)!.sha256;
  return { model, ids: { preface, transcript, plain, august, january, replyOne, replyTwo }, sha };
}

/** Every paragraph's text in a .docx, as Word shows it. */
async function docxParagraphs(model: ReportModel): Promise<string[]> {
  const file = path.join(tempDir(), 'report.docx');
  fs.writeFileSync(file, await reportDocx(model));
  const xml = (await readAll(file)).get('word/document.xml')!.toString('utf8');
  const decode = (t: string) =>
    t.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[1] === undefined ? '\n' : decode(t[1])))
      .join(''),
  );
}

describe('report citations, notes and titles', () => {
  it('cite a passage across a page break as a range, with the PDF page labels, in every format', async () => {
    const { model, sha } = await passagesCase();
    const html = reportHtml(model);
    const md = reportMarkdown(model);
    const docx = (await docxParagraphs(model)).join('\n');
    const byId = new Map(model.documents.map((d) => [d.title, d.documentId]));
    const cite = (title: string, pages: string) => `${title}, ${pages}, SHA-256 ${sha(byId.get(title)!).slice(0, 12)}`;
    const expected = [
      cite('Annual review', 'pp. i–ii'),
      cite('Hearing transcript', 'Page 105–106'),
      cite('Hearing transcript', 'Page 106'),
      cite('Plain memo', 'pp. 1–2'),
      cite('Plain memo', 'p. 1'),
    ];
    for (const c of expected) {
      expect(md).toContain(c);
      expect(docx).toContain(c);
      expect(html).toContain(c);
    }
    const rows = reportCsv(model).slice(1).split('\r\n');
    const pageOf = (quote: string) => rows.find((r) => r.includes(quote))!.split(',')[5];
    expect(pageOf('met in March and agreed to suspend')).toBe('i–ii');
    expect(pageOf('the devices were never sold abroad')).toBe('Page 105–106');
    expect(pageOf('Nothing further')).toBe('Page 106');
    expect(pageOf('left in May and arrived')).toBe('1–2');
    expect(pageOf('Shipments')).toBe('1');
  });

  it("include every highlight's note, and list unlinked highlights with theirs", async () => {
    const { model } = await passagesCase();
    const note = 'Check the \u201csale\u201d — café invoice';
    const md = reportMarkdown(model);
    expect(md).toContain('Note: Runs over the break');
    expect(md.slice(md.indexOf('## Highlights not linked to an allegation'))).toContain(`Note: ${note}`);
    const html = reportHtml(model);
    expect(html).toContain('<span class="note">Note: Runs over the break</span>');
    expect(html.slice(html.indexOf('<h2>Highlights not linked to an allegation</h2>'))).toContain(`Note: ${note}`);
    const docx = await docxParagraphs(model);
    expect(docx.some((p) => p.includes('Note: Runs over the break'))).toBe(true);
    expect(docx.some((p) => p.includes(`Note: ${note}`))).toBe(true);
    const csv = reportCsv(model);
    const unlinked = csv.split('\r\n').find((r) => r.includes(note))!;
    // No allegation, no stance; the quote keeps its curly quotes; the note is the last cell.
    expect(unlinked.startsWith(',,,we deny the \u201csale\u201d,')).toBe(true);
    expect(unlinked.endsWith(`,${note}`)).toBe(true);
    expect(
      csv
        .split('\r\n')
        .find((r) => r.includes('met in March'))!
        .endsWith(',Runs over the break'),
    ).toBe(true);
  });

  it('tell documents of one title apart by date, or by a short hash when there is no date to go by', async () => {
    const { model, ids, sha } = await passagesCase();
    const titles = displayTitles(model.documents);
    expect(titles.get(ids.august!)).toBe('Letter to the Rapporteurs (2021-08-05)');
    expect(titles.get(ids.january!)).toBe('Letter to the Rapporteurs (2022-01-10)');
    expect(titles.get(ids.replyOne!)).toBe(`reply (sha256 ${sha(ids.replyOne!).slice(0, 8)})`);
    expect(titles.get(ids.replyTwo!)).toBe(`reply (sha256 ${sha(ids.replyTwo!).slice(0, 8)})`);
    expect(titles.get(ids.plain!)).toBe('Plain memo');
    const md = reportMarkdown(model);
    const html = reportHtml(model);
    const csv = reportCsv(model);
    const docx = (await docxParagraphs(model)).join('\n');
    for (const t of [...titles.values()]) {
      // Document index, matrix column and citations.
      expect(md).toContain(`### ${t}`);
      expect(html).toContain(`<h3>${t}</h3>`);
      expect(html).toContain(`<th>${t}</th>`);
      expect(docx).toContain(t);
    }
    expect(csv).toContain(',Letter to the Rapporteurs (2021-08-05),1,');
    expect(csv).toContain(`,reply (sha256 ${sha(ids.replyTwo!).slice(0, 8)}),1,`);
    expect(md).not.toMatch(/### Letter to the Rapporteurs\n/);
  });

  it('choose the display titles the same way for any set of documents', () => {
    const doc = (documentId: string, title: string, sha: string, date: string | null = null) => ({
      documentId,
      title,
      sha256: sha.padEnd(64, '0'),
      date,
    });
    const t = displayTitles([
      doc('a', 'Reply', 'aaaa1111', '2021-08-05'),
      doc('b', ' reply ', 'bbbb2222', '2021-08-05'),
      doc('c', 'Annex', 'cccc3333'),
      doc('d', 'Memo', '12345678aa'),
      doc('e', 'Memo', '12345678bb'),
    ]);
    // Same date: the hash decides; one title shown once is untouched; hashes sharing 8 digits get more.
    expect([...t.values()]).toEqual([
      'Reply (sha256 aaaa1111)',
      'reply (sha256 bbbb2222)',
      'Annex',
      'Memo (sha256 12345678aa00)',
      'Memo (sha256 12345678bb00)',
    ]);
  });
});
