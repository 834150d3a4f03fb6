import { describe, expect, it } from 'vitest';
import { parseAllegations } from '../../electron/services/allegations/parse.ts';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { Stance } from '../../shared/ipc/contract.ts';
import { STANCES } from '../../shared/stances.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

/** A case with an NGO report and a company's response, a few highlights and three allegations. */
async function ledgerCase() {
  const s = newCase();
  const dir = tempDir();
  const [report, response] = await importFiles(s, [
    writePdf(dir, 'report.pdf', {
      info: { title: 'NGO report' },
      pages: [{ lines: ['Phones of two journalists were infected.', 'The operator used servers in Veloria.'] }],
    }),
    writePdf(dir, 'response.pdf', {
      info: { title: 'Company response' },
      pages: [{ lines: ['We deny that our product infected journalists.', 'We sell only to governments.'] }],
    }),
  ]);
  const hl = (documentId: string, quote: string) =>
    callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote }] }).then((h) => h.highlightId);
  const infected = await hl(report!.documentId!, 'Phones of two journalists were infected');
  const servers = await hl(report!.documentId!, 'servers in Veloria');
  const denial = await hl(response!.documentId!, 'We deny that our product infected journalists');
  const sales = await hl(response!.documentId!, 'We sell only to governments');
  const [a1, a2, a3] = await callTyped(s.router, 'allegations.import', {
    text: '- Journalists were targeted with the spyware\n- The operator was a government agency\n- The vendor knew of the misuse',
  });
  return {
    s,
    report: report!.documentId!,
    response: response!.documentId!,
    h: { infected, servers, denial, sales },
    a: { a1: a1!, a2: a2!, a3: a3! },
  };
}

const link = (s: Services, highlightId: string, allegationId: string, stance: Stance, rationale?: string) =>
  callTyped(s.router, 'links.create', { highlightId, allegationId, stance, rationale });

describe('pasted allegation lists', () => {
  it('reads one per line, Markdown lists with codes and wrapped lines, and CSV with a header', () => {
    expect(parseAllegations('First claim\n\nSecond claim\n')).toEqual([{ title: 'First claim' }, { title: 'Second claim' }]);
    expect(
      parseAllegations(
        '## Allegations\n1. A4. Devices were infected\n   in 2022\n2) Data left the country\n* A9: Logs were deleted',
      ),
    ).toEqual([
      { code: 'A4', title: 'Devices were infected in 2022' },
      { title: 'Data left the country' },
      { code: 'A9', title: 'Logs were deleted' },
    ]);
    expect(
      parseAllegations(
        'title,code,status,tags,source\n"Sold to ""Agency X""",B1,disputed,press;2023,"Report, p. 4"\nSecond,,open,,',
      ),
    ).toEqual([
      { title: 'Sold to "Agency X"', code: 'B1', status: 'disputed', tags: ['press', '2023'], source: 'Report, p. 4' },
      { title: 'Second', status: 'open' },
    ]);
  });

  it('names the row at fault and imports nothing from a bad list', async () => {
    expect(() => parseAllegations('title,status\nOne,maybe')).toThrow(
      'CSV row 2: status "maybe" is not one of open, corroborated, disputed, refuted, withdrawn',
    );
    expect(() => parseAllegations('code,name\nA1,x', 'csv')).toThrow(/needs a header row with a "title" column/);
    const s = newCase();
    await callTyped(s.router, 'allegations.create', { title: 'Existing', code: 'A2' });
    const res = await s.router.call('allegations.import', { text: '- A1. New one\n- A2. Clashes with the existing code' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'invalid-args', message: 'The code A2 is already used by "Existing"' },
    });
    expect(await callTyped(s.router, 'allegations.list', {})).toHaveLength(1);
  });
});

describe('allegations and links', () => {
  it('assigns codes in order, edits, reorders and filters', async () => {
    const { s, a } = await ledgerCase();
    expect([a.a1.code, a.a2.code, a.a3.code]).toEqual(['A1', 'A2', 'A3']);
    await callTyped(s.router, 'allegations.update', {
      allegationId: a.a2.allegationId,
      status: 'disputed',
      tags: ['state'],
      code: 'G1',
    });
    const order = await callTyped(s.router, 'allegations.reorder', {
      allegationIds: [a.a3.allegationId, a.a1.allegationId, a.a2.allegationId],
    });
    expect(order.map((x) => x.code)).toEqual(['A3', 'A1', 'G1']);
    expect((await callTyped(s.router, 'allegations.list', { status: 'disputed' })).map((x) => x.code)).toEqual(['G1']);
    expect((await callTyped(s.router, 'allegations.list', { tag: 'state' })).map((x) => x.code)).toEqual(['G1']);
    expect((await callTyped(s.router, 'allegations.create', { title: 'Next' })).code).toBe('A4');
  });

  it('allows one link per highlight and allegation; the stance is edited, not duplicated', async () => {
    const { s, h, a } = await ledgerCase();
    await link(s, h.infected, a.a1.allegationId, 'supports', 'Forensic finding');
    const dup = await s.router.call('links.create', { highlightId: h.infected, allegationId: 'A1', stance: 'context' });
    expect(dup).toMatchObject({
      ok: false,
      error: { message: 'That passage is already linked to A1 (supports); change the stance instead' },
    });
    const edited = await callTyped(s.router, 'links.update', { highlightId: h.infected, allegationId: 'a1', stance: 'context' });
    expect(edited).toMatchObject({ stance: 'context', rationale: 'Forensic finding' });
    expect(await s.router.call('links.create', { highlightId: h.infected, allegationId: 'A2', stance: 'guesses' })).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid-args', subject: 'stance' },
      },
    );
    expect(
      await s.router.call('links.create', { highlightId: h.infected, allegationId: 'A77', stance: 'supports' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No allegation "A77" in this case' },
    });
    expect(Stance.options).toEqual(['supports', 'contradicts', 'context', 'admits', 'denies']);
    // The reports and the interface list stances in the schema's own order.
    expect(STANCES).toEqual(Stance.options);
  });

  it('counts per stance, and what deleting a highlight or an allegation does to links', async () => {
    const { s, h, a } = await ledgerCase();
    await link(s, h.infected, a.a1.allegationId, 'supports');
    await link(s, h.denial, a.a1.allegationId, 'denies');
    await link(s, h.servers, a.a2.allegationId, 'supports');
    const counts = async () =>
      Object.fromEntries((await callTyped(s.router, 'allegations.list', {})).map((x) => [x.code, x.counts]));
    expect((await counts()).A1).toEqual({ supports: 1, contradicts: 0, context: 0, admits: 0, denies: 1 });

    await callTyped(s.router, 'highlights.delete', { highlightId: h.denial });
    expect((await counts()).A1?.denies).toBe(0);
    await callTyped(s.router, 'highlights.restore', { highlightId: h.denial });
    expect((await counts()).A1?.denies).toBe(1);

    const refused = await s.router.call('allegations.delete', { allegationId: a.a1.allegationId });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'A1 has 2 linked passage(s); confirm to delete it with its links' },
    });
    const gone = await callTyped(s.router, 'allegations.delete', { allegationId: a.a1.allegationId, withLinks: true });
    expect(gone.links).toBe(2);
    expect((await callTyped(s.router, 'allegations.list', {})).map((x) => x.code)).toEqual(['A2', 'A3']);
    expect((await callTyped(s.router, 'links.list', { highlightId: h.infected })).length).toBe(0);
    await callTyped(s.router, 'allegations.restore', { allegationId: a.a1.allegationId });
    expect((await counts()).A1).toEqual({ supports: 1, contradicts: 0, context: 0, admits: 0, denies: 1 });
    expect(verifyAudit(s.store.db).ok).toBe(true);
  });
});

describe('ledger views', () => {
  it('detail, matrix, unlinked queue and response map', async () => {
    const { s, h, a, report, response } = await ledgerCase();
    await link(s, h.infected, a.a1.allegationId, 'supports', 'Forensics');
    await link(s, h.denial, a.a1.allegationId, 'denies');
    await link(s, h.sales, a.a2.allegationId, 'admits');

    const detail = await callTyped(s.router, 'allegations.detail', { allegationId: 'A1' });
    expect(detail.passages.map((p) => [p.documentTitle, p.page, p.stance, p.quote])).toEqual([
      ['Company response', 1, 'denies', 'We deny that our product infected journalists'],
      ['NGO report', 1, 'supports', 'Phones of two journalists were infected'],
    ]);

    const matrix = await callTyped(s.router, 'matrix.get', {});
    const cell = (al: string, doc: string) => matrix.cells.find((c) => c.allegationId === al && c.documentId === doc)?.counts;
    expect(cell(a.a1.allegationId, report)).toMatchObject({ supports: 1, denies: 0 });
    expect(cell(a.a1.allegationId, response)).toMatchObject({ denies: 1 });
    expect(cell(a.a3.allegationId, report)).toBeUndefined();
    expect(matrix.documents.map((d) => d.title)).toEqual(['Company response', 'NGO report']);

    expect((await callTyped(s.router, 'highlights.unlinked', {})).map((x) => x.highlightId)).toEqual([h.servers]);

    const map = await callTyped(s.router, 'responseMap.get', { documentId: response });
    expect(map.map((e) => [e.code, e.addressed, e.stances])).toEqual([
      ['A1', true, ['denies']],
      ['A2', true, ['admits']],
      ['A3', false, []],
    ]);
  });
});
