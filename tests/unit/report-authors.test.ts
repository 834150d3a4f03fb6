/**
 * The reports name people as the audit log does: the reviewer who exported as "Exported by",
 * and for each passage whoever highlighted it and whoever linked it, as the rows that
 * recorded those changes name them. Three reviewers share one case here, each doing part of
 * the work, and a fourth exports; the bundle's own audit log is the reference.
 */
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import type { Stance } from '../../shared/ipc/contract.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, tempDir, writeFile, writePdf } from './helpers.ts';

const QUOTES = {
  infected: 'the phones of three journalists were infected',
  attributed: 'we attribute the infections to NIGHTJAR',
  denied: 'Corvane Systems denies that its products were used',
  licence: 'we do not dispute that the agency held a licence',
  unlinked: 'suspended all support and updates',
};

/** A case whose reviewer is whoever `as` last named, as when colleagues take turns at one machine. */
function sharedCase(): { s: Services; as(name: string): void } {
  let reviewer = 'nobody yet';
  const home = tempDir('exhibit-user-');
  const s = openServices({
    caseDir: path.join(tempDir(), 'case'),
    create: true,
    pool: { size: 1 },
    actor: () => reviewer,
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
  });
  onTestFinished(() => s.close());
  return { s, as: (name) => void (reviewer = name) };
}

interface AuditLine {
  seq: number;
  actor: string;
  action: string;
  entity_id: string | null;
  payload: string;
}

/** Who the audit log says highlighted each quote, and who made each link as it stands (its latest link.create row). */
function authorsFromAudit(lines: AuditLine[]) {
  const highlighter = new Map<string, { quote: string; actor: string }>();
  const linker = new Map<string, string>();
  for (const row of [...lines].sort((a, b) => a.seq - b.seq)) {
    if (row.action === 'highlight.create') {
      highlighter.set(row.entity_id!, { quote: (JSON.parse(row.payload) as { quote: string }).quote, actor: row.actor });
    } else if (row.action === 'link.create') {
      const [highlightId] = row.entity_id!.split(':');
      const { code } = JSON.parse(row.payload) as { code: string };
      linker.set(`${code}|${highlighter.get(highlightId!)!.quote}`, row.actor);
    }
  }
  return {
    highlightedBy: (quote: string) => [...highlighter.values()].find((h) => h.quote === quote)!.actor,
    linkedBy: (code: string, quote: string) => linker.get(`${code}|${quote}`),
  };
}

describe('who the reports name', () => {
  it('name the exporter as such, and each passage by who highlighted and who linked it, as the audit log records', async () => {
    const { s, as } = sharedCase();
    const dir = tempDir();
    as('A. Highlighter');
    const [report, letter] = await importFiles(s, [
      writePdf(dir, 'report.pdf', {
        info: { title: 'NGO report' },
        pages: [{ lines: [`In 2023 ${QUOTES.infected}.`, `On this basis ${QUOTES.attributed}.`] }],
      }),
      writeFile(
        dir,
        'letter.txt',
        `${QUOTES.denied} against journalists.\nBut ${QUOTES.licence}.\nIn February we ${QUOTES.unlinked}.\n`,
      ),
    ]);
    const highlight = (documentId: string, quote: string) =>
      callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote }] }).then((h) => h.highlightId);
    const link = (highlightId: string, allegationId: string, stance: Stance) =>
      callTyped(s.router, 'links.create', { highlightId, allegationId, stance });

    const infected = await highlight(report!.documentId!, QUOTES.infected);
    const attributed = await highlight(report!.documentId!, QUOTES.attributed);
    as('B. Linker');
    await callTyped(s.router, 'allegations.import', { text: '- Journalists were infected\n- The agency held a licence' });
    await link(infected, 'A1', 'supports');
    const denied = await highlight(letter!.documentId!, QUOTES.denied);
    await link(denied, 'A1', 'denies');
    const licence = await highlight(letter!.documentId!, QUOTES.licence);
    as('A. Highlighter');
    await link(attributed, 'A1', 'supports');
    await link(licence, 'A2', 'admits');
    as('C. Editor');
    // Changing a stance does not make the editor the link's author; linking anew after a removal does.
    await callTyped(s.router, 'links.update', { highlightId: infected, allegationId: 'A1', stance: 'context' });
    await callTyped(s.router, 'links.remove', { highlightId: denied, allegationId: 'A1' });
    await link(denied, 'A1', 'denies');
    await highlight(letter!.documentId!, QUOTES.unlinked);

    as('E. Exporter');
    const out = path.join(tempDir(), 'bundle.zip');
    await callTyped(s.router, 'bundle.export', { path: out });
    const files = await readAll(out);
    const text = (name: string) => files.get(name)!.toString('utf8');
    const audit = authorsFromAudit(
      text('data/audit/audit.jsonl')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditLine),
    );

    // The exporter: named as such in every report and in bag-info.txt, and nowhere as a passage's author.
    const md = text('data/report/report.md');
    const html = text('data/report/report.html');
    expect(md).toContain('Exported by: E. Exporter');
    expect(html).toContain('<dt>Exported by</dt><dd>E. Exporter</dd>');
    expect(text('bag-info.txt')).toMatch(/^Exhibit-Reviewer: E\. Exporter$/m);
    expect(md.match(/E\. Exporter/g)).toHaveLength(1);

    // Each CSV row's people, against the audit rows of that highlight and that link. (No cell here holds a comma.)
    const [header, ...rows] = text('data/report/links.csv')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const col = header!.split(',');
    const cells = rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [col[i]!, v])));
    expect(cells).toHaveLength(5);
    for (const c of cells) {
      expect(c.highlighted_by, c.quote).toBe(audit.highlightedBy(c.quote!));
      expect(c.linked_by, c.quote).toBe(c.allegation_code ? audit.linkedBy(c.allegation_code, c.quote!) : '');
    }
    const row = (quote: string) => cells.find((c) => c.quote === quote)!;
    // What the audit rows say, spelled out: the three reviewers' shares of the work.
    expect([row(QUOTES.infected).highlighted_by, row(QUOTES.infected).linked_by]).toEqual(['A. Highlighter', 'B. Linker']);
    expect([row(QUOTES.denied).highlighted_by, row(QUOTES.denied).linked_by]).toEqual(['B. Linker', 'C. Editor']);
    expect([row(QUOTES.licence).highlighted_by, row(QUOTES.licence).linked_by]).toEqual(['B. Linker', 'A. Highlighter']);
    expect([row(QUOTES.unlinked).highlighted_by, row(QUOTES.unlinked).linked_by]).toEqual(['C. Editor', '']);

    // The readable reports say the same under each quote, in words.
    const creditsAfter = (quote: string) => md.slice(md.indexOf(`> ${quote}`)).split('\n\n')[1]!;
    expect(creditsAfter(QUOTES.infected)).toContain('Highlighted by: A. Highlighter  \nLinked by: B. Linker');
    expect(creditsAfter(QUOTES.attributed)).toContain('Highlighted and linked by: A. Highlighter');
    expect(creditsAfter(QUOTES.unlinked)).toContain('Highlighted by: C. Editor');
    expect(creditsAfter(QUOTES.unlinked)).not.toContain('Linked by');
    expect(html).toContain('<br>Highlighted by: B. Linker<br>Linked by: C. Editor</figcaption>');
    expect(md).not.toMatch(/^Reviewer:/m);
  });
});
