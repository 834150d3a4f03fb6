/**
 * The encrypted files of the pdf.js test corpus beside the repo (../shared/corpus/pdfjs) as
 * court bundle sources: each, imported with the password its manifest lists (none for a
 * file with only an owner password), is decrypted by PDFium with that password given to
 * the build, comes out unencrypted and qpdf-clean with its page count, and poppler finds
 * every listed phrase on its page. Skipped, with a message, where the corpus is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource, sourcePdf } from '../../electron/services/court/sources.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';

const CORPUS = path.resolve('..', 'shared', 'corpus', 'pdfjs');
const MANIFEST = path.join(CORPUS, 'manifest.json');
const present = fs.existsSync(MANIFEST);

interface Entry {
  name: string;
  pages: number | null;
  encrypted?: boolean;
  password?: string;
  phrases?: { page: number; phrase: string }[];
}

const entries: Entry[] = present
  ? (JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { files: Entry[] }).files.filter((e) => e.encrypted)
  : [];
if (!present)
  console.warn(
    `Court bundle corpus check skipped: ${MANIFEST} not found (the corpus sits beside the repo in the development workplace only).`,
  );

const squash = (t: string) => t.replace(/\s+/g, ' ').trim();

describe.skipIf(!present)('encrypted corpus files as court bundle sources', () => {
  let s: Services;
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-court-corpus-'));
    s = openServices({
      caseDir: path.join(dir, 'case'),
      create: true,
      actor: () => 'corpus',
      rememberCase: false,
      pool: { size: 1 },
      configDir: path.join(dir, 'config'),
      dataDir: path.join(dir, 'data'),
    });
  });

  afterAll(async () => {
    await s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists encrypted files, some needing a password', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.password)).toBe(true);
  });

  it.each(entries.map((e) => [e.name, e] as const))(
    '%s',
    async (name, e) => {
      const [r] = await callTyped(s.router, 'import.start', {
        jobId: `court-${name}`,
        paths: [path.join(CORPUS, name)],
        ocr: false,
        ...(e.password ? { password: e.password } : {}),
      });
      expect(r!.status, r!.error ?? '').toBe('imported');
      const doc = (await callTyped(s.router, 'documents.list', {})).find((d) => d.documentId === r!.documentId)!;
      // Nothing held this session: the listed password reaches PDFium as one given to the build.
      const ctx = { store: s.store, pool: s.pool, sessionPassword: () => null };
      const opts = { highlights: false, notes: false, passwords: e.password ? [e.password] : [] };
      await checkSource(ctx, doc, opts);
      const source = await sourcePdf(ctx, doc, opts);
      const out = path.join(dir, `source-${name}`);
      fs.writeFileSync(out, source.bytes);

      const check = spawnSync('qpdf', ['--check', out], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(execFileSync('qpdf', ['--show-encryption', out], { encoding: 'utf8' })).toMatch(/File is not encrypted/);
      if (e.pages !== null)
        expect(Number(execFileSync('qpdf', ['--show-npages', out], { encoding: 'utf8' }).trim())).toBe(e.pages);
      for (const p of e.phrases ?? []) {
        const text = squash(
          execFileSync('pdftotext', ['-f', String(p.page), '-l', String(p.page), out, '-'], { encoding: 'utf8' }),
        );
        // poppler may order a page's lines otherwise than the phrase was written down; then each word must be there.
        if (!text.includes(squash(p.phrase)))
          for (const word of p.phrase.split(/\s+/)) expect(text, `${name}: ${p.phrase}`).toContain(word);
      }
      // Without its password, a file that needs one is refused by name.
      if (e.password) {
        await expect(checkSource(ctx, doc, { highlights: false, notes: false })).rejects.toMatchObject({
          code: 'password-required',
          subject: doc.title,
        });
      }
    },
    60_000,
  );
});
