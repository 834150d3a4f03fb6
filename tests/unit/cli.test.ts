import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exhibit, tempDir, writeFile, writePdf } from './helpers.ts';

function fixtures() {
  const dir = tempDir();
  const caseDir = path.join(dir, 'case');
  const pdf = writePdf(dir, 'in/reply.pdf', {
    pages: [{ lines: ['The company rejects the allegation'] }, { lines: ['Annex: export licences granted in 2019'] }],
  });
  const txt = writeFile(dir, 'in/press.txt', 'Press report on the spyware contract');
  const bad = writeFile(dir, 'in/broken.pdf', 'not really a pdf');
  return { dir, caseDir, pdf, txt, bad };
}

describe('exhibit CLI', () => {
  it('init, import, documents, show, search and audit verify, as JSON lines', () => {
    const f = fixtures();
    expect(exhibit(['--json', 'init', f.caseDir])).toMatchObject({ code: 0 });
    const imp = exhibit(['--case', f.caseDir, '--json', 'import', f.pdf, f.txt, '--source', 'Company letter']);
    expect(imp.code).toBe(0);
    const results = imp.lines();
    expect(results).toEqual([
      {
        path: f.pdf,
        status: 'imported',
        documentId: expect.any(String),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        pages: 2,
        error: null,
        errorCode: null,
      },
      {
        path: f.txt,
        status: 'imported',
        documentId: expect.any(String),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        pages: 1,
        error: null,
        errorCode: null,
      },
    ]);
    expect(imp.stderr).toBe('');

    // Files of one batch are stored as each finishes, so compare the list in title order.
    const docs = exhibit(['--case', f.caseDir, '--json', 'documents'])
      .lines()
      .sort((a, b) => b.title.localeCompare(a.title));
    expect(docs).toEqual([
      {
        documentId: results[0].documentId,
        title: 'reply',
        displayTitle: 'reply',
        date: null,
        sha256: results[0].sha256,
        pages: 2,
        kind: 'pdf',
        textLayer: true,
      },
      {
        documentId: results[1].documentId,
        title: 'press',
        displayTitle: 'press',
        date: null,
        sha256: results[1].sha256,
        pages: 1,
        kind: 'text',
        textLayer: true,
      },
    ]);

    const page = exhibit(['--case', f.caseDir, '--json', 'show', results[0].documentId.slice(0, 8), '--page', '2']).lines();
    expect(page).toEqual([
      { documentId: results[0].documentId, page: 2, label: null, text: 'Annex: export licences granted in 2019' },
    ]);

    const hits = exhibit(['--case', f.caseDir, '--json', 'search', 'licences']).lines();
    expect(hits).toEqual([
      {
        documentId: results[0].documentId,
        title: 'reply',
        page: 2,
        snippet: 'Annex: export licences granted in 2019',
        highlights: [[14, 22]],
      },
    ]);

    const audit = exhibit(['--case', f.caseDir, '--json', 'audit', 'verify']);
    expect(audit.code).toBe(0);
    expect(audit.lines()).toEqual([{ ok: true, rows: 3, firstBroken: null }]);
  });

  it('reports duplicates and failures per file, exits 1 when any failed, and names the file', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    exhibit(['--case', f.caseDir, 'import', f.pdf]);
    const r = exhibit(['--case', f.caseDir, '--json', 'import', f.pdf, f.bad]);
    expect(r.code).toBe(1);
    const [dup, failed] = r.lines();
    expect(dup).toMatchObject({ path: f.pdf, status: 'duplicate' });
    expect(failed).toMatchObject({ path: f.bad, status: 'failed', documentId: null, errorCode: 'invalid-pdf' });
    expect(failed.error).toContain(f.bad);
    expect(JSON.parse(r.stderr.trim())).toMatchObject({ error: { code: 'import-failed' } });
  });

  it('prints readable text without --json', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    const r = exhibit(['--case', f.caseDir, 'import', path.dirname(f.pdf)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/imported +.*reply\.pdf +\(2 pages/);
    expect(r.stdout).toMatch(/failed +.*broken\.pdf/);
    const s = exhibit(['--case', f.caseDir, 'search', 'spyware']);
    expect(s.stdout).toContain('1 page(s) match "spyware"');
    expect(s.stdout).toContain('press — page 1');
    expect(s.stdout).toContain('[spyware]');
  });

  it('exits 2 on usage errors and 1 on input errors, with messages on stderr', () => {
    const f = fixtures();
    expect(exhibit(['frobnicate'])).toMatchObject({ code: 2, stdout: '' });
    expect(exhibit(['frobnicate']).stderr).toMatch(/unknown command "frobnicate"/);
    expect(exhibit(['import'])).toMatchObject({ code: 2 });
    expect(exhibit(['search', '--page', '2', 'x'])).toMatchObject({ code: 2 });
    expect(exhibit(['show', 'x', '--page', 'two'])).toMatchObject({ code: 2 });
    expect(exhibit(['--bogus'])).toMatchObject({ code: 2 });
    const notCase = exhibit(['--case', f.dir, 'documents']);
    expect(notCase.code).toBe(1);
    expect(notCase.stderr).toContain(`${f.dir} is not an Exhibit case`);
    exhibit(['init', f.caseDir]);
    const missing = exhibit(['--case', f.caseDir, 'show', 'deadbeef']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('No document "deadbeef" in this case');
  });

  it('uses the per-user default case when none is named, and EXHIBIT_CASE when set', () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    expect(exhibit(['import', f.txt], { HOME: home }).code).toBe(0);
    expect(fs.existsSync(path.join(home, 'data', 'exhibit', 'cases', 'default', 'case.sqlite'))).toBe(true);
    expect(exhibit(['--json', 'documents'], { HOME: home }).lines()).toHaveLength(1);
    exhibit(['init', f.caseDir]);
    expect(exhibit(['--json', 'documents'], { HOME: home, EXHIBIT_CASE: f.caseDir }).lines()).toHaveLength(0);
  });

  it('exits 1 and names the broken row when the audit log was tampered with', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    exhibit(['--case', f.caseDir, 'import', f.txt]);
    const db = new BetterSqlite3(path.join(f.caseDir, 'case.sqlite'));
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'Mallory' WHERE seq = 2");
    db.close();
    const r = exhibit(['--case', f.caseDir, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Audit log BROKEN at row 2: its contents were changed after it was written.');
  });

  it('records provenance given at import and edits it later, in the audit log', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    const [r] = exhibit([
      '--case',
      f.caseDir,
      '--json',
      'import',
      f.txt,
      '--source',
      'The Guardian',
      '--obtained-at',
      '2024-05-01',
    ]).lines();
    const edited = exhibit(['--case', f.caseDir, '--json', 'provenance', r.documentId, '--collected-by', 'J. Analyst']).lines();
    expect(edited).toEqual([
      { documentId: r.documentId, provenance: { source: 'The Guardian', obtainedAt: '2024-05-01', collectedBy: 'J. Analyst' } },
    ]);
    const db = new BetterSqlite3(path.join(f.caseDir, 'case.sqlite'), { readonly: true });
    const last = db.prepare('SELECT actor, action, payload FROM audit ORDER BY seq DESC LIMIT 1').get() as {
      actor: string;
      action: string;
      payload: string;
    };
    db.close();
    expect(last.actor).toBe('CLI Tester');
    expect(last.action).toBe('document.provenance');
    expect(JSON.parse(last.payload).before).toEqual({ source: 'The Guardian', obtainedAt: '2024-05-01' });
  });

  it('adds, lists and deletes highlights by quote, and refuses a quote not on the page', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    const [doc] = exhibit(['--case', f.caseDir, '--json', 'import', f.pdf]).lines();
    const add = exhibit([
      '--case',
      f.caseDir,
      '--json',
      'highlight',
      'add',
      '--doc',
      doc.documentId.slice(0, 6),
      '--page',
      '2',
      '--quote',
      'export  licences',
      '--note',
      'Dates matter',
      '--color',
      'blue',
    ]);
    expect(add.code).toBe(0);
    const [h] = add.lines();
    expect(h).toEqual({
      highlightId: expect.any(String),
      documentId: doc.documentId,
      page: 2,
      pages: [2],
      quote: 'export licences',
    });
    const listed = exhibit(['--case', f.caseDir, '--json', 'highlights', '--doc', doc.documentId]).lines();
    expect(listed).toEqual([
      { ...h, displayTitle: 'reply', note: 'Dates matter', color: 'blue', anchor: 'ok', drifted: null, previousQuote: null },
    ]);
    const missing = exhibit([
      '--case',
      f.caseDir,
      'highlight',
      'add',
      '--doc',
      doc.documentId,
      '--page',
      '1',
      '--quote',
      'export licences',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The quote "export licences" is not on page 1');
    expect(
      exhibit([
        '--case',
        f.caseDir,
        'highlight',
        'add',
        '--doc',
        doc.documentId,
        '--page',
        '2',
        '--quote',
        'x',
        '--color',
        'mauve',
      ]).code,
    ).toBe(2);
    expect(exhibit(['--case', f.caseDir, 'highlight', 'delete', h.highlightId]).code).toBe(0);
    expect(exhibit(['--case', f.caseDir, '--json', 'highlights']).stdout).toBe('');
  });

  it('lays out allegations, links passages with a stance, and maps a response', () => {
    const f = fixtures();
    exhibit(['init', f.caseDir]);
    const c = (...args: string[]) => exhibit(['--case', f.caseDir, '--json', ...args]);
    const [doc] = c('import', f.pdf).lines();
    const [a1] = c('allegation', 'add', '--title', 'The company rejects nothing', '--tag', 'denial', '--tag', 'letter').lines();
    expect(a1).toEqual({ allegationId: expect.any(String), code: 'A1' });
    const [a2] = c('allegation', 'add', '--title', 'Licences were granted', '--code', 'L1', '--status', 'disputed').lines();
    expect(a2.code).toBe('L1');
    const [h] = c('highlight', 'add', '--doc', doc.documentId, '--page', '1', '--quote', 'rejects the allegation').lines();
    expect(
      c('link', '--highlight', h.highlightId, '--allegation', 'A1', '--stance', 'denies', '--rationale', 'Flat denial').code,
    ).toBe(0);

    const dup = exhibit(['--case', f.caseDir, 'link', '--highlight', h.highlightId, '--allegation', 'a1', '--stance', 'context']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already linked to A1 (denies)');
    const badStance = exhibit([
      '--case',
      f.caseDir,
      'link',
      '--highlight',
      h.highlightId,
      '--allegation',
      'L1',
      '--stance',
      'maybe',
    ]);
    expect(badStance.code).toBe(1);
    expect(badStance.stderr).toContain('Unknown stance "maybe": use supports, contradicts, context, admits, denies');
    expect(
      exhibit(['--case', f.caseDir, 'link', '--highlight', h.highlightId, '--allegation', 'Z9', '--stance', 'supports']).stderr,
    ).toContain('No allegation "Z9" in this case');

    expect(c('allegations').lines()).toEqual([
      {
        allegationId: a1.allegationId,
        code: 'A1',
        title: 'The company rejects nothing',
        status: 'open',
        counts: { supports: 0, contradicts: 0, context: 0, admits: 0, denies: 1 },
      },
      {
        allegationId: a2.allegationId,
        code: 'L1',
        title: 'Licences were granted',
        status: 'disputed',
        counts: { supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 },
      },
    ]);
    expect(c('matrix').lines()).toEqual([
      {
        allegationId: a1.allegationId,
        code: 'A1',
        documentId: doc.documentId,
        title: 'reply',
        displayTitle: 'reply',
        counts: { supports: 0, contradicts: 0, context: 0, admits: 0, denies: 1 },
      },
      {
        allegationId: a2.allegationId,
        code: 'L1',
        documentId: doc.documentId,
        title: 'reply',
        displayTitle: 'reply',
        counts: { supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 },
      },
    ]);
    expect(c('response-map', '--doc', doc.documentId).lines()).toEqual([
      { allegationId: a1.allegationId, code: 'A1', addressed: true, stances: ['denies'] },
      { allegationId: a2.allegationId, code: 'L1', addressed: false, stances: [] },
    ]);
    const text = exhibit(['--case', f.caseDir, 'response-map', '--doc', doc.documentId]).stdout;
    expect(text).toMatch(/L1 +NOT ADDRESSED +Licences were granted/);
    expect(c('unlink', '--highlight', h.highlightId, '--allegation', 'A1').code).toBe(0);
    expect(c('allegations').lines()[0].counts.denies).toBe(0);
  });

  it('exports a signed bundle and verifies it; a changed byte makes verify exit 1 naming the file', () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    exhibit(['init', f.caseDir], { HOME: home });
    exhibit(['--case', f.caseDir, 'import', f.pdf, f.txt], { HOME: home });
    const zip = path.join(f.dir, 'bundle.zip');
    const exp = exhibit(['--case', f.caseDir, '--json', 'export', '--out', zip], { HOME: home });
    expect(exp.code).toBe(0);
    expect(exp.lines()[0]).toMatchObject({ out: zip, files: expect.any(Number) });
    expect(exhibit(['verify', zip], { HOME: home })).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ok\nsigner: [0-9a-f ]{79}, your own key \(CLI Tester\)\n$/),
    });
    const bytes = fs.readFileSync(zip);
    // PDFs are stored uncompressed in the ZIP: flip a byte inside the reply's page text.
    const at = bytes.indexOf(Buffer.from('rejects the allegation'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 1;
    const broken = path.join(f.dir, 'broken.zip');
    fs.writeFileSync(broken, bytes);
    const v = exhibit(['verify', broken], { HOME: home });
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/hash mismatch: data\/originals\/[0-9a-f]{12}-reply\.pdf/);
  });

  it('writes the report alone in each format, and exports only the allegations named', () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    const c = (...args: string[]) => exhibit(['--case', f.caseDir, '--json', ...args], { HOME: home });
    exhibit(['init', f.caseDir], { HOME: home });
    const [doc] = c('import', f.pdf).lines();
    c('allegation', 'add', '--title', 'Denial', '--code', 'D1');
    c('allegation', 'add', '--title', 'Other', '--code', 'O1');
    const [h] = c('highlight', 'add', '--doc', doc.documentId, '--page', '1', '--quote', 'rejects the allegation').lines();
    c('link', '--highlight', h.highlightId, '--allegation', 'D1', '--stance', 'denies');
    for (const format of ['html', 'md', 'csv', 'docx']) {
      const file = path.join(f.dir, `report.${format}`);
      expect(c('report', '--format', format, '--out', file).code, format).toBe(0);
      expect(fs.statSync(file).size, format).toBeGreaterThan(100);
    }
    expect(fs.readFileSync(path.join(f.dir, 'report.md'), 'utf8')).toContain('rejects the allegation');
    expect(c('report', '--format', 'pdf', '--out', 'x').code).toBe(2);
    const zip = path.join(f.dir, 'd1.zip');
    expect(c('export', '--out', zip, '--allegation', 'D1').code).toBe(0);
    expect(exhibit(['verify', zip], { HOME: home }).stdout).toMatch(/^ok\nsigner: .*, your own key/);
  });

  it("import-bundle merges a colleague's bundle and refuses one that does not verify", () => {
    const f = fixtures();
    const home = tempDir('exhibit-home-');
    exhibit(['init', f.caseDir], { HOME: home });
    exhibit(['--case', f.caseDir, 'import', f.pdf], { HOME: home });
    exhibit(['--case', f.caseDir, 'allegation', 'add', '--title', 'Shared claim'], { HOME: home });
    const zip = path.join(f.dir, 'share.zip');
    expect(exhibit(['--case', f.caseDir, 'export', '--out', zip], { HOME: home }).code).toBe(0);
    const other = path.join(f.dir, 'colleague');
    exhibit(['init', other], { HOME: home });
    const merged = exhibit(['--case', other, '--json', 'import-bundle', zip], { HOME: home });
    expect(merged.code).toBe(0);
    expect(merged.lines()[0]).toMatchObject({ documents: { added: 1, known: 0 }, allegations: { added: 1 }, conflicts: [] });
    expect(exhibit(['--case', other, '--json', 'allegations'], { HOME: home }).lines()[0]).toMatchObject({
      code: 'A1',
      title: 'Shared claim',
    });
    const bad = exhibit(['--case', other, 'import-bundle', f.txt], { HOME: home });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('did not verify, so nothing was imported');
  });
});
