import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COURT_OPTIONS, type CourtPlanBody } from '../../shared/ipc/contract.ts';
import { exportBundle } from '../../electron/services/bundle/export.ts';
import { importBundle } from '../../electron/services/bundle/merge.ts';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { callTyped } from '../../electron/services/router.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

type Case = ReturnType<typeof newCase>;

async function caseWithTwoDocuments(): Promise<{ s: Case; report: string; letter: string }> {
  const s = newCase();
  const dir = tempDir();
  const [r, l] = await importFiles(s, [
    writePdf(dir, 'report.pdf', { info: { title: 'NGO report' }, pages: [{ lines: ['Phones were infected.'] }] }),
    writeFile(dir, 'letter.txt', 'We deny all of it.'),
  ]);
  return { s, report: r!.documentId!, letter: l!.documentId! };
}

const body = (sections: [string, string[]][]): CourtPlanBody => ({
  cover: { title: 'Hearing bundle', date: '2026-01-15', preparedBy: 'A. Reviewer' },
  sections: sections.map(([title, documentIds]) => ({ title, documentIds })),
  options: { ...DEFAULT_COURT_OPTIONS, prefix: 'EXH-', digits: 5 },
});

const auditActions = (s: Case) =>
  (
    s.store.db.prepare("SELECT action, entity_id FROM audit WHERE entity = 'court-plan' ORDER BY seq").all() as {
      action: string;
      entity_id: string;
    }[]
  ).map((r) => [r.action, r.entity_id]);

describe('court bundle plans', () => {
  it('creates, lists, updates and deletes plans, several per case, each change audited', async () => {
    const { s, report, letter } = await caseWithTwoDocuments();
    const a = await callTyped(s.router, 'court.savePlan', {
      name: 'Hearing',
      plan: body([
        ['Claims', [report]],
        ['Replies', [letter]],
      ]),
    });
    const b = await callTyped(s.router, 'court.savePlan', { name: 'appeal', plan: body([['All', [letter, report]]]) });
    expect((await callTyped(s.router, 'court.plans', {})).map((p) => p.name)).toEqual(['appeal', 'Hearing']);
    expect(a).toMatchObject({ name: 'Hearing', sections: [{ title: 'Claims', documentIds: [report] }, { title: 'Replies' }] });

    const renamed = await callTyped(s.router, 'court.savePlan', {
      planId: a.planId,
      name: 'Hearing 2',
      plan: body([['Claims', [letter, report]]]),
    });
    expect(renamed).toMatchObject({ planId: a.planId, name: 'Hearing 2', createdAt: a.createdAt });
    expect(renamed.sections).toEqual([{ title: 'Claims', documentIds: [letter, report] }]);

    expect(await callTyped(s.router, 'court.deletePlan', { planId: b.planId })).toEqual({ deleted: true });
    expect(await callTyped(s.router, 'court.deletePlan', { planId: b.planId })).toEqual({ deleted: false });
    expect((await callTyped(s.router, 'court.plans', {})).map((p) => p.name)).toEqual(['Hearing 2']);
    // A deleted plan's name is free again.
    await callTyped(s.router, 'court.savePlan', { name: 'Appeal', plan: body([['All', []]]) });

    expect(auditActions(s).slice(0, 4)).toEqual([
      ['court-plan.create', a.planId],
      ['court-plan.create', b.planId],
      ['court-plan.update', a.planId],
      ['court-plan.delete', b.planId],
    ]);
    expect(verifyAudit(s.store.db).ok).toBe(true);
  });

  it('refuses a name another plan has (ignoring case), an unknown document and a document placed twice, naming each', async () => {
    const { s, report } = await caseWithTwoDocuments();
    const a = await callTyped(s.router, 'court.savePlan', { name: 'Hearing', plan: body([['Claims', [report]]]) });
    await expect(callTyped(s.router, 'court.savePlan', { name: 'hearing', plan: body([['X', []]]) })).rejects.toMatchObject({
      code: 'invalid-args',
      message: expect.stringContaining('"hearing" already exists') as string,
    });
    const other = await callTyped(s.router, 'court.savePlan', { name: 'Other', plan: body([['X', []]]) });
    await expect(
      callTyped(s.router, 'court.savePlan', { planId: other.planId, name: 'HEARING', plan: body([['X', []]]) }),
    ).rejects.toMatchObject({ code: 'invalid-args' });
    await expect(
      callTyped(s.router, 'court.savePlan', {
        planId: a.planId,
        name: 'Hearing',
        plan: body([['Claims', [report, 'no-such-doc']]]),
      }),
    ).rejects.toMatchObject({ code: 'invalid-args', message: expect.stringContaining('no-such-doc') as string });
    await expect(
      callTyped(s.router, 'court.savePlan', {
        name: 'Twice',
        plan: body([
          ['A', [report]],
          ['B', [report]],
        ]),
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('in both "A" and "B"') as string });
    // Nothing of the refused saves was stored.
    expect((await callTyped(s.router, 'court.plans', {})).map((p) => [p.name, p.sections[0]!.documentIds])).toEqual([
      ['Hearing', [report]],
      ['Other', []],
    ]);
    await expect(
      callTyped(s.router, 'court.savePlan', { planId: 'gone', name: 'X', plan: body([['X', []]]) }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('travels in the evidence bundle: the same plan and layout in another case, deletions too, a newer edit winning', async () => {
    const { s: a, report, letter } = await caseWithTwoDocuments();
    const plan = await callTyped(a.router, 'court.savePlan', {
      name: 'Hearing',
      plan: body([
        ['Claims', [report]],
        ['Replies', [letter]],
      ]),
    });
    const gone = await callTyped(a.router, 'court.savePlan', { name: 'Draft', plan: body([['All', [letter]]]) });
    await callTyped(a.router, 'court.deletePlan', { planId: gone.planId });
    const zip = path.join(tempDir(), 'a.zip');
    await exportBundle(a.store, { out: zip, reviewer: 'A', configDir: path.join(tempDir(), 'cfg') });
    const caseFile = JSON.parse((await readAll(zip)).get('data/case.json')!.toString('utf8')) as {
      courtPlans: { planId: string }[];
      deleted: { courtPlans: { planId: string; deletedAt: string }[] };
    };
    expect(caseFile.courtPlans.map((p) => p.planId)).toEqual([plan.planId]);
    expect(caseFile.deleted.courtPlans.map((p) => p.planId)).toEqual([gone.planId]);

    const b = newCase();
    // B already has a plan of that name of its own, made later: the older (A's) keeps the name.
    await new Promise((r) => setTimeout(r, 5));
    await callTyped(b.router, 'court.savePlan', { name: 'hearing', plan: body([['Mine', []]]) });
    const merged = await importBundle(b.store, zip, { pool: b.pool, actor: 'B' });
    expect(merged.conflicts).toEqual([expect.stringContaining('is now "hearing (2)"')]);
    const inB = await callTyped(b.router, 'court.plans', {});
    expect(inB.find((p) => p.planId === plan.planId)).toEqual(plan);
    expect(inB.map((p) => p.name).sort()).toEqual(['Hearing', 'hearing (2)']);

    // A newer edit in B comes back to A; A's older version gives way and the conflict is listed.
    await callTyped(b.router, 'court.savePlan', {
      planId: plan.planId,
      name: 'Hearing',
      plan: body([['Claims', [letter, report]]]),
    });
    const back = path.join(tempDir(), 'b.zip');
    await exportBundle(b.store, { out: back, reviewer: 'B', configDir: path.join(tempDir(), 'cfg') });
    const again = await importBundle(a.store, back, { pool: a.pool, actor: 'A' });
    expect(again.conflicts.some((c) => c.startsWith('Court bundle plan "Hearing": sections differ'))).toBe(true);
    expect((await callTyped(a.router, 'court.plans', {})).find((p) => p.planId === plan.planId)!.sections).toEqual([
      { title: 'Claims', documentIds: [letter, report] },
    ]);
  });

  it('a scoped export carries only the plans whose documents are all in scope; a plan may name documents a case lacks', async () => {
    const { s: a, report, letter } = await caseWithTwoDocuments();
    await callTyped(a.router, 'court.savePlan', { name: 'Report only', plan: body([['A', [report]]]) });
    await callTyped(a.router, 'court.savePlan', { name: 'Both', plan: body([['A', [report, letter]]]) });
    const zip = path.join(tempDir(), 'scoped.zip');
    await exportBundle(a.store, {
      out: zip,
      reviewer: 'A',
      configDir: path.join(tempDir(), 'cfg'),
      scope: { documentIds: [report] },
    });
    const caseFile = JSON.parse((await readAll(zip)).get('data/case.json')!.toString('utf8')) as {
      courtPlans: { name: string }[];
    };
    expect(caseFile.courtPlans.map((p) => p.name)).toEqual(['Report only']);

    // The whole bundle into a case that will not take its letter: the plan still names it, and stays editable.
    const whole = path.join(tempDir(), 'whole.zip');
    await exportBundle(a.store, { out: whole, reviewer: 'A', configDir: path.join(tempDir(), 'cfg') });
    const b = newCase();
    await importBundle(b.store, whole, { pool: b.pool, actor: 'B' });
    b.store.db.prepare('DELETE FROM pages WHERE document_id = ?').run(letter);
    b.store.db.prepare('DELETE FROM documents WHERE id = ?').run(letter);
    const both = (await callTyped(b.router, 'court.plans', {})).find((p) => p.name === 'Both')!;
    const { cover, sections, options } = both;
    const saved = await callTyped(b.router, 'court.savePlan', {
      planId: both.planId,
      name: 'Both, renamed',
      plan: { cover, sections, options },
    });
    expect(saved.sections[0]!.documentIds).toEqual([report, letter]);
  });
});
