/**
 * Two reviewers start from one bundle, work apart (edits, deletions, removed links, equal
 * times), then exchange bundles: both must end with the same case, whichever way round the
 * bundles travel, a second exchange must change nothing, and every conflict is listed.
 * Longer than most test files: the scenario is spelled out step by step, with the forms of
 * case.json (older, hostile) that the same merge must read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import type { Services } from '../../electron/services/services.ts';
import type { MergeResult } from '../../shared/ipc/contract.ts';
import { fuzzKey, reseal, unzip, zip } from '../fuzz/bundle-mutate.ts';
import { readAll } from '../fixtures/zip.ts';
import { importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';
import { reviewState } from './merge-state.ts';

/** Wait until the clock has moved on, so the next change is strictly newer than the last. */
async function tick(): Promise<void> {
  const t = new Date().toISOString();
  while (new Date().toISOString() === t) await new Promise((r) => setImmediate(r));
}

type Item = Record<string, unknown>;
/** The parts of case.json these tests change. */
interface CaseJson {
  highlights: Item[];
  links: Item[];
  deleted?: { highlights: Item[]; links: Item[] };
}

/** The bundle with case.json changed by `edit`, re-sealed as anyone (or an older Exhibit) could. */
async function rewritten(file: string, edit: (c: CaseJson) => void) {
  const entries = await unzip(new Uint8Array(fs.readFileSync(file)));
  const i = entries.findIndex(([name]) => name === 'data/case.json');
  const json = JSON.parse(Buffer.from(entries[i]![1]).toString('utf8')) as CaseJson;
  edit(json);
  entries[i] = ['data/case.json', new Uint8Array(Buffer.from(JSON.stringify(json)))];
  const out = path.join(tempDir(), 'rewritten.zip');
  fs.writeFileSync(out, await zip(reseal(entries, 'full', fuzzKey(1))));
  return out;
}

let n = 0;
async function exportFrom(s: Services): Promise<string> {
  const file = path.join(tempDir(), `bundle-${++n}.zip`);
  await callTyped(s.router, 'bundle.export', { path: file });
  return file;
}
/** Each reviewer has a key of their own: the importing one accepts the key that signed, as they would after checking it. */
const importInto = async (s: Services, file: string) => {
  const { signer } = await callTyped(s.router, 'bundle.verify', { path: file });
  return callTyped(s.router, 'bundle.import', { path: file, acceptSigner: signer?.fingerprint });
};
const auditRows = (s: Services) => (s.store.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

/** Reviewer A's case, and reviewer B's made from A's bundle. */
async function sharedStart() {
  const a = newCase();
  const dir = tempDir();
  const [report, letter] = await importFiles(a, [
    writePdf(dir, 'report.pdf', {
      pages: [
        { lines: ['Phones of two journalists were infected.', 'The operator was identified.'] },
        { lines: ['Servers in Veloria.', 'Spare parts were shipped.'] },
      ],
    }),
    writeFile(dir, 'letter.txt', 'We deny that our product infected journalists. The licence was approved in March.'),
  ]);
  const hl = (documentId: string, page: number, quote: string, note?: string) =>
    callTyped(a.router, 'highlights.create', { documentId, targets: [{ page, quote }], ...(note ? { note } : {}) });
  const h = {
    key: await hl(report!.documentId!, 1, 'two journalists were infected', 'Key'),
    tie: await hl(report!.documentId!, 1, 'operator was identified'),
    servers: await hl(report!.documentId!, 2, 'Servers in Veloria'),
    spare: await hl(report!.documentId!, 2, 'Spare parts were shipped', 'Spare note'),
    deny: await hl(letter!.documentId!, 1, 'We deny'),
    minor: await hl(letter!.documentId!, 1, 'licence was approved', 'Minor point'),
  };
  const [a1, a2, a3] = await callTyped(a.router, 'allegations.import', {
    text: '- Journalists were targeted\n- Servers abroad\n- Licence approved',
  });
  const al = { a1: a1!.allegationId, a2: a2!.allegationId, a3: a3!.allegationId };
  const link = (s: Services, hId: string, aId: string, stance: 'supports' | 'denies' | 'context') =>
    callTyped(s.router, 'links.create', { highlightId: hId, allegationId: aId, stance });
  await link(a, h.key.highlightId, al.a1, 'supports');
  await link(a, h.tie.highlightId, al.a1, 'supports');
  await link(a, h.deny.highlightId, al.a1, 'denies');
  await link(a, h.servers.highlightId, al.a2, 'supports');
  await link(a, h.spare.highlightId, al.a2, 'context');
  await link(a, h.minor.highlightId, al.a3, 'context');
  const b = newCase();
  await importInto(b, await exportFrom(a));
  expect(reviewState(b)).toEqual(reviewState(a));
  const hid = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.highlightId])) as Record<keyof typeof h, string>;
  return { a, b, h: hid, al, letter: letter!.documentId! };
}

/** The two reviewers' divergent work, in this order in time. */
async function diverge({ a, b, h, al, letter }: Awaited<ReturnType<typeof sharedStart>>) {
  const pair = (hId: string, aId: string) => ({ highlightId: hId, allegationId: aId });
  const steps: [Services, () => Promise<unknown>][] = [
    // Edit vs edit on a link: B's stance is later.
    [a, () => callTyped(a.router, 'links.update', { ...pair(h.key, al.a1), stance: 'contradicts' })],
    [b, () => callTyped(b.router, 'links.update', { ...pair(h.key, al.a1), stance: 'context', rationale: 'Only background' })],
    // Edits the other side leaves alone.
    [
      a,
      () => callTyped(a.router, 'allegations.update', { allegationId: al.a1, title: 'Journalists were targeted with spyware' }),
    ],
    [b, () => callTyped(b.router, 'highlights.update', { highlightId: h.servers, note: 'Check the server logs' })],
    // Delete vs untouched.
    [a, () => callTyped(a.router, 'highlights.delete', { highlightId: h.minor })],
    [b, () => callTyped(b.router, 'links.remove', pair(h.servers, al.a2))],
    // Delete vs a newer edit: the edit brings the allegation back.
    [b, () => callTyped(b.router, 'allegations.delete', { allegationId: al.a3, withLinks: true })],
    [a, () => callTyped(a.router, 'allegations.update', { allegationId: al.a3, title: 'Licence approved in March' })],
    // Edit vs edit on a highlight: B's (colour) is later than A's (note).
    [a, () => callTyped(a.router, 'highlights.update', { highlightId: h.deny, note: 'Weak denial' })],
    [b, () => callTyped(b.router, 'highlights.update', { highlightId: h.deny, color: 'pink' })],
    // Edit vs a newer delete.
    [a, () => callTyped(a.router, 'highlights.update', { highlightId: h.spare, label: 'spare' })],
    [b, () => callTyped(b.router, 'highlights.delete', { highlightId: h.spare })],
    // A removed link vs a newer edit of it.
    [a, () => callTyped(a.router, 'links.remove', pair(h.deny, al.a1))],
    [b, () => callTyped(b.router, 'links.update', { ...pair(h.deny, al.a1), rationale: 'Flat denial' })],
    // Edits on equal times (forced below).
    [a, () => callTyped(a.router, 'allegations.update', { allegationId: al.a2, title: 'Servers abroad (A)' })],
    [b, () => callTyped(b.router, 'allegations.update', { allegationId: al.a2, title: 'Servers abroad (B)' })],
    [a, () => callTyped(a.router, 'links.update', { ...pair(h.tie, al.a1), stance: 'admits' })],
    [b, () => callTyped(b.router, 'links.update', { ...pair(h.tie, al.a1), stance: 'denies' })],
    // New work on each side.
    [
      a,
      async () => {
        const n = await callTyped(a.router, 'highlights.create', {
          documentId: letter,
          targets: [{ page: 1, quote: 'our product' }],
        });
        await callTyped(a.router, 'links.create', { ...pair(n.highlightId, al.a2), stance: 'supports' });
      },
    ],
    [b, () => callTyped(b.router, 'allegations.create', { title: 'Payments went through Xanthe' })],
  ];
  for (const [, step] of steps) {
    await step();
    await tick();
  }
  const same = (s: Services, sql: string, at: string, ...ids: string[]) => s.store.db.prepare(sql).run(at, ...ids);
  const at = (s: Services, sql: string, ...ids: string[]) => (s.store.db.prepare(sql).get(...ids) as { t: string }).t;
  const aSql = 'SELECT updated_at AS t FROM allegations WHERE id = ?';
  const lSql = 'SELECT updated_at AS t FROM links WHERE highlight_id = ? AND allegation_id = ?';
  const tA = [at(a, aSql, al.a2), at(b, aSql, al.a2)].sort()[1]!;
  const tL = [at(a, lSql, h.tie, al.a1), at(b, lSql, h.tie, al.a1)].sort()[1]!;
  for (const s of [a, b]) {
    same(s, 'UPDATE allegations SET updated_at = ? WHERE id = ?', tA, al.a2);
    same(s, 'UPDATE links SET updated_at = ? WHERE highlight_id = ? AND allegation_id = ?', tL, h.tie, al.a1);
  }
  return { tA, tL };
}

const all = (r: MergeResult) => [r.allegations, r.highlights, r.links].map((c) => c.added + c.updated);

describe('two reviewers exchanging bundles', () => {
  it.each(['crossed', 'relayed'] as const)(
    'end with the same case (%s), deletions included, and a second exchange changes nothing',
    async (order) => {
      const start = await sharedStart();
      const { a, b, h, al } = start;
      const { tA } = await diverge(start);
      const auditA = auditRows(a);
      const auditB = auditRows(b);
      let fromB: MergeResult;
      let fromA: MergeResult;
      if (order === 'crossed') {
        // Both export first, then each imports the other's.
        const [zipA, zipB] = [await exportFrom(a), await exportFrom(b)];
        fromB = await importInto(a, zipB);
        fromA = await importInto(b, zipA);
      } else {
        // A's goes to B first; B's bundle then carries the merge back.
        fromA = await importInto(b, await exportFrom(a));
        fromB = await importInto(a, await exportFrom(b));
      }
      // The merge is one audit row on each side.
      expect(auditRows(a)).toBe(auditA + 1);
      expect(auditRows(b)).toBe(auditB + 1);
      const state = reviewState(a);
      expect(reviewState(b)).toEqual(state);

      // And the same case is the one the rule gives.
      const live = (id: string) => state.highlights.find((x) => x.id === id);
      const deleted = (id: string) => state.deleted.highlights.find((x) => x.id === id);
      const allegation = (id: string) => state.allegations.find((x) => x.id === id);
      const linkOf = (hId: string, aId: string) =>
        [...state.links, ...state.deleted.links].find((l) => l.startsWith(`${hId}|${aId}|`))!.split('|');
      expect(linkOf(h.key, al.a1).slice(2, 4)).toEqual(['context', 'Only background']);
      expect(allegation(al.a1)!.title).toBe('Journalists were targeted with spyware');
      expect(live(h.servers)!.note).toBe('Check the server logs');
      expect(deleted(h.minor)).toMatchObject({ note: 'Minor point', deletedAt: expect.any(String) });
      expect(linkOf(h.servers, al.a2)[5]).not.toBe('kept'); // removed, with its time
      expect(allegation(al.a3)).toMatchObject({ title: 'Licence approved in March' });
      expect(live(h.deny)).toMatchObject({ color: 'pink', note: null });
      // B's deletion is newer than A's label: B's version, deleted, is the one kept.
      expect(deleted(h.spare)).toMatchObject({ label: null, deletedAt: expect.any(String) });
      expect(state.links.some((l) => l.startsWith(`${h.deny}|${al.a1}|denies|Flat denial|`))).toBe(true);
      // Equal times: the greater version, on both sides.
      expect(allegation(al.a2)).toMatchObject({ title: 'Servers abroad (B)', updatedAt: tA });
      expect(linkOf(h.tie, al.a1)[2]).toBe('denies');
      expect(state.allegations.map((x) => x.title)).toContain('Payments went through Xanthe');
      expect(state.highlights.some((x) => x.quote === 'our product')).toBe(true);

      // Counts and views leave deleted items and removed links out.
      for (const s of [a, b]) {
        const list = await callTyped(s.router, 'allegations.list', {});
        const counts = Object.fromEntries(list.map((x) => [x.allegationId, x.counts]));
        expect(counts[al.a1]).toEqual({ supports: 0, contradicts: 0, context: 1, admits: 0, denies: 2 });
        expect(counts[al.a2]).toEqual({ supports: 1, contradicts: 0, context: 0, admits: 0, denies: 0 });
        expect(counts[al.a3]).toEqual({ supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 });
        expect((await callTyped(s.router, 'links.list', { highlightId: h.servers })).map((l) => l.allegationId)).toEqual([]);
      }

      // Each side lists what it settled, and what it kept.
      const line = (r: MergeResult, re: RegExp) => expect(r.conflicts, String(re)).toContainEqual(expect.stringMatching(re));
      line(fromB, /^link \w{8} → A1: the case says contradicts, the bundle context; the bundle's \(.+\) is newer .* was taken$/);
      line(fromA, /^link \w{8} → A1: the case says context, the bundle contradicts; the case's \(.+\) is newer .* was kept$/);
      line(fromA, /^A3 "Licence approved": deleted in the case; the bundle's \(.+\) is newer .* was taken$/);
      line(fromB, /^highlight \w{8} "Spare parts were shipped": deleted in the bundle; the bundle's .* was taken$/);
      line(fromA, /^highlight \w{8} "We deny": colour, note differ; the case's .* was kept$/);
      line(fromB, /^A2 "Servers abroad \(A\)": title differs; both are from .+, and the bundle's was taken/);
      line(fromA, /^A2 "Servers abroad \(B\)": title differs; both are from .+, and the case's was kept/);
      line(fromB, /^link \w{8} → A1: the case says admits, the bundle denies; both are from .+, and the bundle's was taken/);
      line(fromA, /^link \w{8} → A1: the case says denies, the bundle admits; both are from .+, and the case's was kept/);

      // Links the bundle changed are counted as updated, not only listed.
      expect(fromB.links.updated).toBeGreaterThanOrEqual(2);
      // A second exchange changes nothing, either way.
      const again = [await importInto(a, await exportFrom(b)), await importInto(b, await exportFrom(a))];
      for (const r of again) {
        expect(all(r)).toEqual([0, 0, 0]);
        expect(r.conflicts).toEqual([]);
      }
      expect(reviewState(a)).toEqual(state);
      expect(reviewState(b)).toEqual(state);
    },
    60_000,
  );

  it('settle a code both made on their own the same way: the older allegation keeps it', async () => {
    const { a, b } = await sharedStart();
    await tick();
    const older = await callTyped(a.router, 'allegations.create', { title: 'Payments went through Xanthe', code: 'A9' });
    await tick();
    const younger = await callTyped(b.router, 'allegations.create', { title: 'The licence was backdated', code: 'A9' });
    const [zipA, zipB] = [await exportFrom(a), await exportFrom(b)];
    const intoA = await importInto(a, zipB);
    const intoB = await importInto(b, zipA);
    const codes = (s: Services) => Object.fromEntries(reviewState(s).allegations.map((x) => [x.id, x.code]));
    expect(codes(a)[older.allegationId]).toBe('A9');
    expect(codes(a)[younger.allegationId]).toBe('A9-2');
    expect(codes(b)).toEqual(codes(a));
    expect(reviewState(b)).toEqual(reviewState(a));
    expect(intoA.conflicts).toEqual([
      'A9 "The licence was backdated": the case already uses A9 for an older allegation, so it came in as A9-2',
    ]);
    // B's own allegation gives way to the older one from A's bundle.
    expect(intoB.conflicts).toEqual([
      'A9 "The licence was backdated": the bundle\'s older allegation "Payments went through Xanthe" is A9 too, so this one is now A9-2',
    ]);
    const again = [await importInto(a, await exportFrom(b)), await importInto(b, await exportFrom(a))];
    for (const r of again) expect(r.conflicts).toEqual([]);
    expect(reviewState(b)).toEqual(reviewState(a));
  });

  it('a restore, a re-link and a re-added allegation win over the older deletions they undo', async () => {
    const { a, b, h, al } = await sharedStart();
    await callTyped(a.router, 'highlights.delete', { highlightId: h.minor });
    await callTyped(a.router, 'links.remove', { highlightId: h.key, allegationId: al.a1 });
    await callTyped(a.router, 'allegations.delete', { allegationId: al.a2, withLinks: true });
    await tick();
    const first = await importInto(b, await exportFrom(a));
    expect(first.highlights.updated).toBe(1);
    expect(first.allegations.updated).toBe(1);
    expect(reviewState(b)).toEqual(reviewState(a));
    // B undoes each deletion; A's older deletions must not win them back.
    await callTyped(b.router, 'highlights.restore', { highlightId: h.minor });
    await callTyped(b.router, 'links.create', { highlightId: h.key, allegationId: al.a1, stance: 'supports' });
    await callTyped(b.router, 'allegations.restore', { allegationId: al.a2 });
    await tick();
    const back = await importInto(a, await exportFrom(b));
    expect(back).toMatchObject({ highlights: { updated: 1 }, allegations: { updated: 1 }, links: { added: 1 } });
    expect(reviewState(a)).toEqual(reviewState(b));
    const state = reviewState(a);
    expect(state.deleted).toEqual({ allegations: [], highlights: [], links: [] });
    expect((await callTyped(a.router, 'allegations.list', {})).find((x) => x.allegationId === al.a2)!.counts.supports).toBe(1);
    const again = await importInto(b, await exportFrom(a));
    expect(all(again)).toEqual([0, 0, 0]);
    expect(again.conflicts).toEqual([]);
  });

  it('carries deletions in case.json only, marked, and never in the reports, annotated PDFs or annotations', async () => {
    const { a, h, al } = await sharedStart();
    await callTyped(a.router, 'highlights.delete', { highlightId: h.spare });
    await callTyped(a.router, 'links.remove', { highlightId: h.servers, allegationId: al.a2 });
    await callTyped(a.router, 'allegations.delete', { allegationId: al.a3, withLinks: true });
    const files = await readAll(await exportFrom(a));
    const caseJson = JSON.parse(files.get('data/case.json')!.toString('utf8'));
    expect(caseJson.schema).toBe('exhibit-case/1');
    expect(caseJson.deleted.about).toMatch(/not part of the review/);
    expect(caseJson.deleted.highlights).toEqual([
      expect.objectContaining({ highlightId: h.spare, note: 'Spare note', deletedAt: expect.any(String) }),
    ]);
    expect(caseJson.deleted.allegations).toEqual([
      expect.objectContaining({ allegationId: al.a3, title: 'Licence approved', deletedAt: expect.any(String) }),
    ]);
    expect(caseJson.deleted.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ highlightId: h.servers, allegationId: al.a2, deletedAt: expect.any(String) }),
        // Kept with the deleted allegation, back with it on a restore.
        expect.objectContaining({ highlightId: h.minor, allegationId: al.a3, deletedAt: null }),
        expect.objectContaining({ highlightId: h.spare, allegationId: al.a2, deletedAt: null }),
      ]),
    );
    expect(caseJson.deleted.links).toHaveLength(3);
    expect(caseJson.highlights.map((x: { highlightId: string }) => x.highlightId)).not.toContain(h.spare);
    expect(caseJson.links.every((l: { updatedAt?: string }) => typeof l.updatedAt === 'string')).toBe(true);
    for (const [name, bytes] of files) {
      if (name === 'data/case.json' || !/^data\/(report|annotations)/.test(name) || name.endsWith('.docx')) continue;
      const text = bytes.toString('utf8');
      for (const gone of ['Spare note', 'Licence approved', h.spare, al.a3]) expect(text, `${name}: ${gone}`).not.toContain(gone);
    }
    const jsonld = JSON.parse(files.get('data/annotations.jsonld')!.toString('utf8'));
    expect(jsonld.first.items.some((i: { id: string }) => i.id === `urn:exhibit:link:${h.servers}:${al.a2}`)).toBe(false);
    expect(JSON.stringify(jsonld)).not.toContain('"exact":"Spare parts were shipped"');
    expect(JSON.stringify(jsonld)).toContain('"exact":"Servers in Veloria"');
    // The annotated PDF holds the live highlights on it and not the deleted one.
    const annotated = [...files].find(([name]) => name.startsWith('data/annotated/'))![1];
    const pdf = await PDFDocument.load(annotated);
    const names = pdf
      .getPages()
      .flatMap((p) =>
        (p.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((r) =>
          pdf.context.lookup(r, PDFDict).lookup(PDFName.of('NM'), PDFHexString).decodeText(),
        ),
      );
    expect(names.sort()).toEqual([h.key, h.tie, h.servers].sort());
  });

  it('reads a bundle from before deletions and link times travelled, taking its links as the oldest', async () => {
    const { a, b, h, al } = await sharedStart();
    await callTyped(a.router, 'links.update', { highlightId: h.key, allegationId: al.a1, stance: 'contradicts' });
    await tick();
    await callTyped(b.router, 'links.update', { highlightId: h.tie, allegationId: al.a1, stance: 'context' });
    // As an older Exhibit wrote it: no "deleted" section, links without author or times.
    const old = await rewritten(await exportFrom(a), (c) => {
      delete c.deleted;
      for (const l of c.links) for (const k of ['author', 'createdAt', 'updatedAt']) delete l[k];
    });
    const merged = await importInto(b, old);
    expect(merged.conflicts).toEqual([
      expect.stringMatching(
        /^link \w{8} → A1: the case says supports, the bundle contradicts; the case's \(.+\) is newer than the bundle's \(an unknown time\) and was kept$/,
      ),
      expect.stringMatching(/^link \w{8} → A1: the case says context, the bundle supports; the case's .* was kept$/),
    ]);
    const stances = (await callTyped(b.router, 'links.list', {})).map((l) => [l.highlightId, l.stance]);
    expect(stances).toContainEqual([h.key, 'supports']);
    expect(stances).toContainEqual([h.tie, 'context']);
    // A fresh case still takes every link from it.
    const c = newCase();
    expect((await importInto(c, old)).links).toEqual({ added: 6, updated: 0, unchanged: 0 });
  });

  it('refuses, naming the field, a "deleted" section that does not hold together or times that are not real, and changes nothing', async () => {
    const { a, b, h } = await sharedStart();
    await callTyped(a.router, 'highlights.delete', { highlightId: h.minor });
    const good = await exportFrom(a);
    const before = reviewState(b);
    const cases: [string, (c: CaseJson) => void, RegExp][] = [
      ['twice', (c) => c.highlights.push(c.deleted!.highlights[0]!), /case\.json deleted\.highlights\.0: \S+ is listed twice/],
      [
        'dangling',
        (c) => (c.deleted!.links[0]!.allegationId = 'nobody'),
        /case\.json deleted\.links\.0: its allegation nobody is not in the bundle/,
      ],
      ['no-time', (c) => delete c.deleted!.highlights[0]!.deletedAt, /case\.json deleted\.highlights\.0\.deletedAt: /],
      [
        'not-iso',
        (c) => (c.highlights[0]!.updatedAt = 'Friday'),
        /case\.json highlights\.0\.updatedAt: not a UTC time such as 2024-05-01T09:30:00\.000Z/,
      ],
      [
        'future',
        (c) => (c.highlights[0]!.updatedAt = '2999-01-01T00:00:00.000Z'),
        /case\.json highlights\.0\.updatedAt: is more than a day in the future/,
      ],
    ];
    for (const [name, edit, message] of cases) {
      await expect(importInto(b, await rewritten(good, edit)), name).rejects.toMatchObject({
        message: expect.stringMatching(message),
      });
      expect(reviewState(b), name).toEqual(before);
    }
  });
});
