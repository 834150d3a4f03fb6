import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';

async function letterCase(): Promise<{ s: Services; documentId: string }> {
  const s = newCase();
  const file = writePdf(tempDir(), 'reply.pdf', {
    pages: [
      { lines: ['The company rejects the allegation.', 'The company rejects any link to the', 'devices named in the report.'] },
      { lines: ['Annex: export licences granted in 2019', 'The company rejects the allegation.'] },
    ],
  });
  const [r] = await importFiles(s, [file]);
  return { s, documentId: r!.documentId! };
}

describe('highlights', () => {
  it('anchors a quote on its page with selectors and PDF-space rectangles', async () => {
    const { s, documentId } = await letterCase();
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [{ page: 1, quote: 'The company rejects', occurrence: 2 }],
      color: 'green',
      note: 'Second denial',
    });
    expect(h).toMatchObject({
      documentId,
      author: 'Test Reviewer',
      color: 'green',
      note: 'Second denial',
      quote: 'The company rejects',
    });
    const [t] = h.targets;
    expect(t).toMatchObject({
      page: 1,
      anchor: 'ok',
      quote: { exact: 'The company rejects', prefix: 'company rejects the allegation.\n' },
    });
    const page = await callTyped(s.router, 'documents.page', { documentId, page: 1 });
    expect(page.text.slice(t!.position.start, t!.position.end)).toBe('The company rejects');
    // One line of 12 pt Helvetica at x = 72, on the second line (baseline 720 - 15.6).
    expect(t!.rects).toHaveLength(1);
    const [x1, y1, x2, y2] = t!.rects[0]!;
    expect(x1).toBe(72);
    expect(x2).toBeGreaterThan(160);
    expect(y1).toBeLessThan(704.4);
    expect(y2).toBeGreaterThan(704.4);
  });

  it('makes one highlight with two targets for a passage that crosses a page break', async () => {
    const { s, documentId } = await letterCase();
    const h = await callTyped(s.router, 'highlights.create', {
      documentId,
      targets: [
        { page: 1, quote: 'devices named in the report.' },
        { page: 2, quote: 'Annex: export licences' },
      ],
    });
    expect(h.targets.map((t) => t.page)).toEqual([1, 2]);
    expect(h.quote).toBe('devices named in the report. Annex: export licences');
  });

  it('refuses a quote that is not on the page, naming it, and stores nothing', async () => {
    const { s, documentId } = await letterCase();
    const res = await s.router.call('highlights.create', { documentId, targets: [{ page: 2, quote: 'devices named' }] });
    expect(res).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'The quote "devices named" is not on page 2', subject: 'page 2' },
    });
    expect(await callTyped(s.router, 'highlights.list', { documentId })).toEqual([]);
  });

  it('edits, deletes and restores, each change in the audit log', async () => {
    const { s, documentId } = await letterCase();
    const h = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, start: 0, end: 6 }] });
    expect(h.quote).toBe('Annex:');
    const edited = await callTyped(s.router, 'highlights.update', {
      highlightId: h.highlightId,
      color: 'pink',
      label: 'Key',
      note: null,
    });
    expect(edited).toMatchObject({ color: 'pink', label: 'Key', note: null });
    await callTyped(s.router, 'highlights.delete', { highlightId: h.highlightId });
    expect(await callTyped(s.router, 'highlights.list', { documentId })).toEqual([]);
    const back = await callTyped(s.router, 'highlights.restore', { highlightId: h.highlightId });
    expect(back.color).toBe('pink');
    expect((await callTyped(s.router, 'highlights.list', { documentId })).map((x) => x.highlightId)).toEqual([h.highlightId]);
    const actions = (
      s.store.db.prepare("SELECT action FROM audit WHERE entity = 'highlight' ORDER BY seq").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['highlight.create', 'highlight.update', 'highlight.delete', 'highlight.restore']);
    expect(verifyAudit(s.store.db).ok).toBe(true);
  });

  it('checks anchors when listed: drifted text is reported where it is now, vanished text as orphaned', async () => {
    const { s, documentId } = await letterCase();
    const a = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote: 'any link to the' }] });
    const b = await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 2, quote: 'licences granted' }] });
    // The page text changes under the highlights, as after a re-extraction.
    s.store.db
      .prepare("UPDATE pages SET text = 'Inserted heading.\n' || text WHERE document_id = ? AND page_index = 0")
      .run(documentId);
    s.store.db
      .prepare("UPDATE pages SET text = replace(text, 'licences', 'permits') WHERE document_id = ? AND page_index = 1")
      .run(documentId);
    const listed = await callTyped(s.router, 'highlights.list', { documentId });
    const byId = new Map(listed.map((h) => [h.highlightId, h.targets[0]!]));
    expect(byId.get(a.highlightId)).toMatchObject({ anchor: 'drifted', position: a.targets[0]!.position });
    const moved = byId.get(a.highlightId)!.current!;
    expect(moved.start).toBe(a.targets[0]!.position.start + 'Inserted heading.\n'.length);
    expect(byId.get(b.highlightId)).toMatchObject({ anchor: 'orphaned', current: null });
    const saved = s.store.db.prepare('SELECT anchor FROM highlight_targets ORDER BY rowid').all();
    expect(saved).toEqual([{ anchor: 'drifted' }, { anchor: 'orphaned' }]);
  });
});

describe('removing documents', () => {
  it('hides a removed document from the list and search, and restores it with its highlights', async () => {
    const { s, documentId } = await letterCase();
    await callTyped(s.router, 'highlights.create', { documentId, targets: [{ page: 1, quote: 'the allegation' }] });
    await callTyped(s.router, 'documents.remove', { documentId });
    expect(await callTyped(s.router, 'documents.list', {})).toEqual([]);
    expect((await callTyped(s.router, 'search.query', { query: 'licences' })).total).toBe(0);
    expect(await callTyped(s.router, 'highlights.list', {})).toEqual([]);
    await callTyped(s.router, 'documents.restore', { documentId });
    expect((await callTyped(s.router, 'documents.list', {})).map((d) => d.documentId)).toEqual([documentId]);
    expect((await callTyped(s.router, 'search.query', { query: 'licences' })).total).toBe(1);
    expect(await callTyped(s.router, 'highlights.list', {})).toHaveLength(1);
  });

  it('brings a removed document back when its file is imported again', async () => {
    const s = newCase();
    const file = writePdf(tempDir(), 'a.pdf', { pages: [{ lines: ['Statement of the witness'] }] });
    const [first] = await importFiles(s, [file]);
    await callTyped(s.router, 'documents.remove', { documentId: first!.documentId! });
    const [again] = await importFiles(s, [file]);
    expect(again).toMatchObject({ status: 'imported', documentId: first!.documentId });
    expect(await callTyped(s.router, 'documents.list', {})).toHaveLength(1);
  });
});
