import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { importPaths } from '../../electron/services/ingest/import.ts';
import { WorkerPool } from '../../electron/services/workers/pool.ts';
import type { ImportProgress } from '../../shared/ipc/contract.ts';
import { fillerLines, seededRandom } from '../fixtures/pdf-builder.ts';
import { blobFiles, count, importFiles, newCase, tempDir, writeFile, writePdf } from './helpers.ts';

describe('text import', () => {
  it('splits plain-text letters into pages at form feeds and keeps their characters exactly', async () => {
    const s = newCase();
    const dir = tempDir();
    const body = 'Letter from the Ministry\r\nPage one text.\fPage two: the company’s reply.\fAnnex — café records\n';
    const file = writeFile(dir, 'ministry.txt', body);
    const [r] = await importFiles(s, [file]);
    expect(r).toMatchObject({ status: 'imported', pages: 3 });
    const p2 = await callTyped(s.router, 'documents.page', { documentId: r!.documentId!, page: 2 });
    expect(p2.text).toBe('Page two: the company’s reply.');
    const p1 = await callTyped(s.router, 'documents.page', { documentId: r!.documentId!, page: 1 });
    expect(p1.text).toBe('Letter from the Ministry\r\nPage one text.');
    const [doc] = await callTyped(s.router, 'documents.list', {});
    expect(doc).toMatchObject({ kind: 'text', title: 'ministry', textLayer: true });
  });

  it('imports a Markdown file without form feeds as one page', async () => {
    const s = newCase();
    const [r] = await importFiles(s, [writeFile(tempDir(), 'notes.md', '# Notes\n\nInterview with the witness.\n')]);
    expect(r).toMatchObject({ status: 'imported', pages: 1 });
  });

  it('refuses text that is not UTF-8, naming the file', async () => {
    const s = newCase();
    const file = writeFile(tempDir(), 'latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x41]));
    const [r] = await importFiles(s, [file]);
    expect(r!.status).toBe('failed');
    expect(r!.error).toBe(`${file}: not valid UTF-8 text; save it as UTF-8 and import again`);
    expect(count(s, 'documents')).toBe(0);
  });
});

describe('batches, folders and duplicates', () => {
  it('imports a folder recursively, skipping hidden and unsupported files', async () => {
    const s = newCase();
    const dir = tempDir();
    writePdf(dir, 'case/reports/ngo-report.pdf', {
      pages: [{ lines: ['NGO report on device infections'] }, { lines: ['Annex'] }],
    });
    writeFile(dir, 'case/letters/reply.txt', 'Reply to the rapporteurs');
    writeFile(dir, 'case/letters/deep/press.md', 'Press coverage');
    writeFile(dir, 'case/letters/budget.xlsx', 'not imported');
    writeFile(dir, 'case/.hidden.txt', 'not imported');
    const results = await importFiles(s, [path.join(dir, 'case')]);
    expect(results.map((r) => [path.relative(dir, r.path), r.status, r.pages])).toEqual([
      ['case/letters/deep/press.md', 'imported', 1],
      ['case/letters/reply.txt', 'imported', 1],
      ['case/reports/ngo-report.pdf', 'imported', 2],
    ]);
  });

  it('reports the same bytes imported again as a duplicate and changes nothing', async () => {
    const s = newCase();
    const dir = tempDir();
    const a = writePdf(dir, 'a.pdf', { pages: [{ lines: ['Original letter'] }] });
    const copy = path.join(dir, 'copy-of-a.pdf');
    fs.copyFileSync(a, copy);
    const [first] = await importFiles(s, [a]);
    const before = [count(s, 'documents'), count(s, 'pages'), count(s, 'audit'), blobFiles(s).length];
    const [again, sameBytes] = await importFiles(s, [a, copy]);
    expect(again).toMatchObject({ status: 'duplicate', documentId: first!.documentId, sha256: first!.sha256 });
    expect(sameBytes).toMatchObject({ status: 'duplicate', documentId: first!.documentId });
    expect([count(s, 'documents'), count(s, 'pages'), count(s, 'audit'), blobFiles(s).length]).toEqual(before);
  });

  it('reports a missing path as failed and still imports the rest', async () => {
    const s = newCase();
    const dir = tempDir();
    const ok = writeFile(dir, 'ok.txt', 'fine');
    const results = await importFiles(s, [path.join(dir, 'nope.pdf'), ok]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'imported']);
    expect(results[0]!.error).toBe(`${path.join(dir, 'nope.pdf')}: no such file or folder`);
  });

  it('reports progress in files and pages and ends at the totals', async () => {
    const s = newCase();
    const dir = tempDir();
    const rand = seededRandom(7);
    for (let i = 0; i < 4; i++)
      writePdf(dir, `doc${i}.pdf`, { pages: Array.from({ length: 5 + i }, () => ({ lines: fillerLines(rand, 10) })) });
    const seen: Omit<ImportProgress, 'jobId'>[] = [];
    const results = await importPaths(s.store, [dir], { pool: s.pool, actor: 'T', onProgress: (p) => seen.push(p) });
    expect(results.every((r) => r.status === 'imported')).toBe(true);
    const last = seen.at(-1)!;
    expect(last).toEqual({ filesDone: 4, filesTotal: 4, pagesDone: 5 + 6 + 7 + 8, currentFile: null });
    const pages = seen.map((p) => p.pagesDone);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(new Set(pages).size).toBeGreaterThan(2);
  });

  it('cancels a batch: files not finished are reported cancelled and none is half-stored', async () => {
    const s = newCase();
    const dir = tempDir();
    const rand = seededRandom(3);
    for (let i = 0; i < 6; i++)
      writePdf(dir, `big${i}.pdf`, { pages: Array.from({ length: 40 }, () => ({ lines: fillerLines(rand, 30) })) });
    const controller = new AbortController();
    const results = await importPaths(s.store, [dir], {
      pool: s.pool,
      actor: 'T',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.filesDone >= 1) controller.abort();
      },
    });
    const imported = results.filter((r) => r.status === 'imported');
    const cancelled = results.filter((r) => r.status === 'failed');
    expect(imported.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.length).toBeGreaterThanOrEqual(1);
    for (const r of cancelled) expect(r.error).toMatch(/import cancelled/);
    expect(count(s, 'documents')).toBe(imported.length);
    expect(count(s, 'pages')).toBe(imported.length * 40);
    expect(blobFiles(s).length).toBe(imported.length);
  });
});

describe('extraction budgets', () => {
  it('fails a PDF that exceeds its time budget with a clear message, and the next import works', async () => {
    const s = newCase();
    const dir = tempDir();
    const file = writePdf(dir, 'slow.pdf', { pages: [{ lines: ['Slow file'] }] });
    const slowPool = new WorkerPool({ size: 1, taskTimeoutMs: 1 });
    try {
      const [r] = await importPaths(s.store, [file], { pool: slowPool, actor: 'T' });
      expect(r!.status).toBe('failed');
      expect(r!.error).toBe(`${file}: extraction took longer than its 1 ms budget and was stopped`);
      expect(count(s, 'documents')).toBe(0);
      expect(blobFiles(s)).toEqual([]);
    } finally {
      await slowPool.close();
    }
    const [ok] = await importFiles(s, [file]);
    expect(ok!.status).toBe('imported');
  });

  it('counts memory outside the heap: a small PDF whose page inflates to 256 MB is stopped at the cap', async () => {
    const s = newCase();
    const dir = tempDir();
    // A 256 MB content stream of spaces, deflated to a few hundred KB: pdf.js decodes it into one typed array.
    const stream = zlib.deflateSync(Buffer.alloc(256 * 1024 ** 2, 0x20), { level: 9 });
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    ];
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
    const offsets: number[] = [];
    const at = () => parts.reduce((n, b) => n + b.length, 0);
    objects.forEach((o, i) => {
      offsets.push(at());
      parts.push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`));
    });
    offsets.push(at());
    parts.push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream);
    parts.push(Buffer.from('\nendstream\nendobj\n'));
    const xref = at();
    const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    parts.push(
      Buffer.from(`xref\n0 5\n0000000000 65535 f \n${rows}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`),
    );
    const bomb = path.join(dir, 'inflates.pdf');
    fs.writeFileSync(bomb, Buffer.concat(parts));
    expect(fs.statSync(bomb).size).toBeLessThan(2 * 1024 ** 2);

    const pool = new WorkerPool({ size: 1, memoryMb: 64 });
    try {
      const [r] = await importPaths(s.store, [bomb], { pool, actor: 'T' });
      expect(r!.error).toBe(`${bomb}: extraction ran out of memory (limit 64 MB) and was stopped`);
      expect(count(s, 'documents')).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('fails a PDF whose extraction exceeds the memory cap, without taking the app down', async () => {
    const s = newCase();
    const dir = tempDir();
    // One page with 100,000 text runs: far more than 32 MB of heap to extract.
    const heavy = writePdf(dir, 'heavy.pdf', { pages: [{ lines: fillerLines(seededRandom(1), 100_000, 3), fontSize: 1 }] });
    const light = writePdf(dir, 'light.pdf', { pages: [{ lines: ['A short letter'] }] });
    const smallPool = new WorkerPool({ size: 1, memoryMb: 32 });
    try {
      const [r, ok] = await importPaths(s.store, [heavy, light], { pool: smallPool, actor: 'T' });
      expect(r!.error).toBe(`${heavy}: extraction ran out of memory (limit 32 MB) and was stopped`);
      expect(ok!.status).toBe('imported');
      expect(count(s, 'documents')).toBe(1);
    } finally {
      await smallPool.close();
    }
  });
});
