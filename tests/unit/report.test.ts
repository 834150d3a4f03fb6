import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../electron/services/report/model.ts';
import { csvField } from '../../electron/services/report/csv.ts';
import { reportCsv, reportDocx, reportHtml, reportMarkdown } from '../../electron/services/report/renderers.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Stance } from '../../shared/ipc/contract.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

const Q = {
  infected: 'Phones of two journalists were infected',
  quoted: 'He said "we saw it, twice" at dawn',
  script: 'Logs showed <script>alert(1)</script> & more',
  denial: 'We deny that our product infected journalists',
};

/** A real case through the router: two PDFs (one with roman page labels), four highlights, two allegations, five links. */
async function reportCase() {
  const s = newCase();
  const dir = tempDir();
  const [report, response] = await importFiles(s, [
    writePdf(dir, 'report.pdf', {
      info: { title: 'NGO report, 2024' },
      pageLabels: [{ start: 0, style: 'r' }],
      pages: [{ lines: [`${Q.infected}.`, `${Q.quoted}.`, `${Q.script}.`] }],
    }),
    writePdf(dir, 'response.pdf', { info: { title: 'Company response' }, pages: [{ lines: [`${Q.denial}.`] }] }),
  ]);
  const reportId = report!.documentId!;
  const responseId = response!.documentId!;
  await callTyped(s.router, 'documents.setProvenance', {
    documentId: reportId,
    provenance: { source: 'Lanternwatch', obtainedFrom: 'Press office', obtainedAt: '2024-01-10', collectedBy: 'R. Lee' },
  });
  const hl = (documentId: string, quote: string) =>
    callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote }] }).then((h) => h.highlightId);
  const h = {
    infected: await hl(reportId, Q.infected),
    quoted: await hl(reportId, Q.quoted),
    script: await hl(reportId, Q.script),
    denial: await hl(responseId, Q.denial),
  };
  await callTyped(s.router, 'allegations.import', { text: '- Journalists were targeted\n- The vendor knew' });
  const link = (highlightId: string, allegationId: string, stance: Stance, rationale?: string) =>
    callTyped(s.router, 'links.create', { highlightId, allegationId, stance, rationale });
  await link(h.infected, 'A1', 'supports', 'Forensics, "lab" report');
  await link(h.quoted, 'A1', 'contradicts');
  await link(h.denial, 'A1', 'denies', 'Flat denial');
  await link(h.script, 'A2', 'context');
  await link(h.denial, 'A2', 'admits');
  const model = buildModel(s.store.db, 'Case <Veloria> & co', 'Test Reviewer');
  return { s, model, reportId, responseId };
}

/** A small RFC 4180 reader written for this test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The text of one ZIP entry, read with yauzl. */
function zipEntry(bytes: Uint8Array, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('error', reject);
      zip.on('end', () => reject(new Error(`${name} not in the ZIP`)));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe('reports', () => {
  it('Markdown: each quote under its stance heading with its citation, rationale and who highlighted and linked it', async () => {
    const { model } = await reportCase();
    const md = reportMarkdown(model);
    const a1 = md.indexOf('## A1 — ');
    const a2 = md.indexOf('## A2 — ');
    const docs = md.indexOf('## Documents');
    expect(0).toBeLessThan(a1);
    expect(a1).toBeLessThan(a2);
    expect(a2).toBeLessThan(docs);
    const sha = (id: string) => model.documents.find((d) => d.documentId === id)!.sha256.slice(0, 12);
    const under = (heading: string, from: number, quote: string, cite: string) => {
      const h = md.indexOf(heading, from);
      const q = md.indexOf(`> ${quote}`, h);
      expect(h).toBeGreaterThan(from);
      expect(q).toBeGreaterThan(h);
      // The citation follows its quote before the next passage or heading.
      expect(md.slice(q).split('\n\n')[1]).toContain(cite);
    };
    const ngo = model.documents.find((d) => d.title.startsWith('NGO'))!.documentId;
    const co = model.documents.find((d) => d.title === 'Company response')!.documentId;
    under('### Supports (1)', a1, Q.infected, `NGO report, 2024, p. i, SHA-256 ${sha(ngo)}`);
    under('### Contradicts (1)', a1, 'He said "we saw it, twice" at dawn', 'p. i');
    under('### Denies (1)', a1, Q.denial, `Company response, p. 1, SHA-256 ${sha(co)}`);
    under('### Context (1)', a2, 'Logs showed \\<script\\>alert(1)\\</script\\> \\& more', 'p. i');
    under('### Admits (1)', a2, Q.denial, 'Company response');
    // Stance order follows the vocabulary, whatever order the links were made in.
    expect(md.indexOf('### Supports', a1)).toBeLessThan(md.indexOf('### Contradicts', a1));
    expect(md.indexOf('### Contradicts', a1)).toBeLessThan(md.indexOf('### Denies', a1));
    expect(md.slice(a1, a2)).toContain('Rationale: Forensics, "lab" report');
    expect(md.slice(a1, a2)).toContain('Highlighted and linked by: Test Reviewer');
    expect(md).toContain('Exported by: Test Reviewer');
    expect(md).not.toContain('Reviewer:');
    expect(md.slice(docs)).toContain('- Obtained from: Press office');
    expect(md.slice(docs)).toContain(`- SHA-256: ${model.documents[0]!.sha256}`);
    expect(md).toContain('## Evidence matrix');
    expect(md).toMatch(/\| A1 Journalists were targeted \|.*supports 1, contradicts 1/);
  });

  it('CSV starts with a byte-order mark, parses with one row per link, and quotes with commas and quotes round-trip', async () => {
    const { model } = await reportCase();
    const csv = reportCsv(model);
    // Excel reads a UTF-8 file as UTF-8 only when it starts with the byte-order mark.
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'allegation_code',
      'allegation_title',
      'stance',
      'quote',
      'document_title',
      'page',
      'sha256_short',
      'rationale',
      'linked_by',
      'highlighted_by',
      'note',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(5);
    expect(body.every((r) => r.length === 11)).toBe(true);
    expect(body.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['A1', 'supports', Q.infected],
      ['A1', 'contradicts', Q.quoted],
      ['A1', 'denies', Q.denial],
      ['A2', 'context', Q.script],
      ['A2', 'admits', Q.denial],
    ]);
    expect(body[0]!.slice(4)).toEqual([
      'NGO report, 2024',
      'i',
      model.documents.find((d) => d.title.startsWith('NGO'))!.sha256.slice(0, 12),
      'Forensics, "lab" report',
      'Test Reviewer',
      'Test Reviewer',
      '',
    ]);
    expect(body[2]![5]).toBe('1');
  });

  it('CSV defuses cells a spreadsheet would run as formulas, and only those', () => {
    expect(csvField('=HYPERLINK("http://x.test","click")')).toBe('"\'=HYPERLINK(""http://x.test"",""click"")"');
    expect(csvField('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('We deny = nothing')).toBe('We deny = nothing');
    expect(csvField('3 - 2')).toBe('3 - 2');
  });

  it('HTML escapes every text and carries no script', async () => {
    const { model } = await reportCase();
    const html = reportHtml(model);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Logs showed &#60;script&#62;alert(1)&#60;/script&#62; &#38; more');
    expect(html).toContain('<title>Case &#60;Veloria&#62; &#38; co — evidence report</title>');
    expect(html).toContain('He said &#34;we saw it, twice&#34; at dawn');
    expect(html).toContain('@media print');
    expect(html).toMatch(/<h3>Denies \(1\)<\/h3>\n<figure class="passage"><blockquote>We deny that/);
  });

  it('DOCX is a ZIP whose word/document.xml holds every quote', async () => {
    const { model } = await reportCase();
    const bytes = await reportDocx(model);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('PK\u0003\u0004');
    const xml = await zipEntry(bytes, 'word/document.xml');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    // The text of each paragraph, entities decoded, as Word would show it.
    const decode = (s: string) =>
      s.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(''),
    );
    for (const quote of Object.values(Q)) expect(paragraphs).toContain(quote);
    expect(paragraphs.some((p) => p.includes('— NGO report, 2024, p. i, SHA-256'))).toBe(true);
  });
});
