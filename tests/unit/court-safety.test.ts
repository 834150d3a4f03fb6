/**
 * Court bundles and bad input: each problem named (the document's title as the subject)
 * with nothing written; a cancel leaves no file; an index of many documents runs onto a
 * second page and still links every entry; the index also as DOCX.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExhibitError } from '../../shared/errors.ts';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { callTyped } from '../../electron/services/router.ts';
import { importFiles, newCase, tempDir, writePdf } from './helpers.ts';
import { build, pdfjsPages, pdfjsTargets, plan, qpdfCheck } from './court-helpers.ts';

async function twoDocs() {
  const s = newCase();
  const dir = tempDir();
  const files = [
    writePdf(dir, 'a.pdf', { pages: [{ lines: ['First letter'] }] }),
    writePdf(dir, 'b.pdf', { pages: [{ lines: ['Second letter'] }] }),
  ];
  const ids = (await importFiles(s, files)).map((r) => r.documentId!);
  return { s, dir, ids };
}

async function refused(p: Promise<unknown>): Promise<ExhibitError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExhibitError);
  return err as ExhibitError;
}

describe('court bundle safety', () => {
  it('names each bad input and writes nothing', async () => {
    const { s, dir, ids } = await twoDocs();
    const out = path.join(dir, 'out.pdf');
    // By id: the list's order follows which import finished first.
    const listed = await callTyped(s.router, 'documents.list', {});
    const titles = ids.map((id) => listed.find((d) => d.documentId === id)!.title);

    const unknown = await refused(build(s, plan([['A', [ids[0]!, 'no-such-document']]]), { out }));
    expect(unknown.code).toBe('not-found');
    expect(unknown.subject).toBe('no-such-document');

    const twice = await refused(
      build(
        s,
        plan([
          ['A', [ids[0]!]],
          ['B', [ids[1]!, ids[0]!]],
        ]),
        { out },
      ),
    );
    expect(twice.code).toBe('invalid-args');
    expect(twice.subject).toBe(titles[0]);
    expect(twice.message).toContain('twice');

    await callTyped(s.router, 'documents.remove', { documentId: ids[1]! });
    const removed = await refused(build(s, plan([['A', [ids[0]!, ids[1]!]]]), { out }));
    expect(removed.code).toBe('not-found');
    expect(removed.subject).toBe(titles[1]);
    await callTyped(s.router, 'documents.restore', { documentId: ids[1]! });

    // A damaged file: the case's stored original overwritten with garbage.
    const doc = (await callTyped(s.router, 'documents.list', {})).find((d) => d.documentId === ids[1])!;
    const blob = blobPath(s.store.dir, doc.sha256);
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, 'not a pdf at all');
    const damaged = await refused(build(s, plan([['A', [ids[0]!, ids[1]!]]]), { out }));
    expect(damaged.subject).toBe(doc.title);

    expect(fs.readdirSync(dir).filter((f) => f.startsWith('out.pdf'))).toEqual([]);
  });

  it('names an encrypted document whose password is not known, and writes nothing', async () => {
    const s = newCase();
    const dir = tempDir();
    const plain = writePdf(dir, 'plain.pdf', { info: { title: 'Sealed letter' }, pages: [{ lines: ['Sealed words'] }] });
    const locked = path.join(dir, 'locked.pdf');
    const q = spawnSync('qpdf', ['--encrypt', 'open-sesame', 'owner-pw', '256', '--', plain, locked]);
    expect(q.status, String(q.stderr)).toBe(0);
    const [r0] = await importFiles(s, [locked], { password: 'open-sesame' });
    expect(r0!.status, r0!.error ?? '').toBe('imported');
    const out = path.join(dir, 'sealed.pdf');
    const err = await refused(build(s, plan([['A', [r0!.documentId!]]]), { out, passwords: ['wrong'] }));
    expect(['password-required', 'password-incorrect']).toContain(err.code);
    expect(err.subject).toBe('Sealed letter');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('sealed.pdf'))).toEqual([]);
  });

  it('builds through the router (court.build) with progress, and the index beside the PDF', async () => {
    const { s, dir, ids } = await twoDocs();
    const out = path.join(dir, 'routed.pdf');
    const r = await callTyped(s.router, 'court.build', {
      path: out,
      plan: plan([['A', ids]]),
      indexDocx: true,
      jobId: 'court-1',
    });
    expect(r.pages).toBe(4);
    expect(r.indexDocx).toBe(path.join(dir, 'routed-index.docx'));
    expect(fs.existsSync(r.indexDocx!)).toBe(true);
    expect(qpdfCheck(out).ok).toBe(true);
  });

  it('leaves no file when cancelled, in any phase', async () => {
    const { s, dir, ids } = await twoDocs();
    for (const phase of ['checking', 'documents', 'stamping', 'saving']) {
      const out = path.join(dir, `${phase}.pdf`);
      const controller = new AbortController();
      const err = await refused(
        build(s, plan([['A', ids]]), {
          out,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.phase === phase) controller.abort();
          },
        }),
      );
      expect(err.code).toBe('cancelled');
      expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${phase}.pdf`))).toEqual([]);
    }
  });

  it('runs a long index onto a second page, every entry linked, and writes it as DOCX', async () => {
    const s = newCase();
    const dir = tempDir();
    const files = Array.from({ length: 40 }, (_, i) =>
      writePdf(dir, `doc-${i}.pdf`, { pages: [{ lines: [`Document number ${i} opening`] }] }),
    );
    const ids = (await importFiles(s, files)).map((r) => r.documentId!);
    const out = path.join(dir, 'long.pdf');
    const docx = path.join(dir, 'long-index.docx');
    const r = await build(
      s,
      plan([
        ['First', ids.slice(0, 20)],
        ['Second', ids.slice(20)],
      ]),
      { out, indexDocx: docx },
    );
    expect(r.indexPages).toBe(2);
    expect(r.pages).toBe(1 + 2 + 40);
    expect(r.indexDocx).toBe(docx);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const { links } = await pdfjsTargets(out, [2, 3]);
    expect(links.filter((p, i) => links.indexOf(p) === i)).toEqual(Array.from({ length: 40 }, (_, i) => 4 + i));
    const { texts } = await pdfjsPages(out);
    r.entries.forEach((e) => expect(texts[e.firstPage - 1]).toContain(`Document number ${e.firstPage - 4} opening`));
    expect(qpdfCheck(out).ok).toBe(true);
  });
});
