/**
 * The viewer's copy of a scan (the page images with the words read laid over them) is made
 * once per state of its reading and kept in the case, not made again on every open; reading
 * the pages again makes a new copy and drops the old one. poppler reads the words in the
 * kept copy, and the original stays byte-identical.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/services/case/blobs.ts';
import { viewable, viewerCacheDir } from '../../electron/services/documents/viewable.ts';
import { callTyped } from '../../electron/services/router.ts';
import { sha256 } from '../../electron/services/bundle/bagit.ts';
import { scanPdf } from '../fixtures/scan-pdf.ts';
import { importFiles, newCase, tempDir } from './helpers.ts';

const LINES = ['The Embassy presents its compliments to the Special', 'Rapporteurs and has the honour to reply.'];

describe("the viewer's copy of a scan", () => {
  it('is made once, kept, served again from the case, and made anew when the pages are read again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'note-verbale.pdf');
    const scan = await scanPdf(dir, { lines: LINES });
    fs.writeFileSync(file, scan.pdf);
    const s = newCase({ size: 1, ocr: { size: 1 } });
    const [result] = await importFiles(s, [file]);
    const documentId = result!.documentId!;
    await s.ocr.idle();

    const first = await viewable(s.store.dir, s.store.db, documentId);
    expect(first.kind).toBe('bytes');
    const kept = fs.readdirSync(viewerCacheDir(s.store.dir));
    expect(kept).toHaveLength(1);
    const keptFile = path.join(viewerCacheDir(s.store.dir), kept[0]!);
    // The second open is served from the kept copy, the same bytes.
    const second = await viewable(s.store.dir, s.store.db, documentId);
    expect(second).toMatchObject({ kind: 'file', path: keptFile, type: 'application/pdf' });
    expect(sha256(fs.readFileSync(keptFile))).toBe(sha256((first as { bytes: Uint8Array }).bytes));
    // An independent reader finds the words read in the kept copy.
    const text = execFileSync('pdftotext', [keptFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('has the honour to reply');

    // Read again: a new copy replaces the old one.
    await callTyped(s.router, 'ocr.run', { documentId, force: true });
    await s.ocr.idle();
    const third = await viewable(s.store.dir, s.store.db, documentId);
    expect(third.kind).toBe('bytes');
    const now = fs.readdirSync(viewerCacheDir(s.store.dir));
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(kept[0]);

    // The original is untouched throughout.
    const stored = s.store.db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck().get(documentId) as string;
    expect(sha256(fs.readFileSync(blobPath(s.store.dir, stored)))).toBe(sha256(scan.pdf));
    await s.close();
  }, 120_000);
});
