/**
 * What a case must look like after any crash or failed write: SQLite intact, the search
 * index matching the pages, every document whole (all its pages, its original, its audit
 * row), every highlight whole, and the audit chain unbroken. Shared by the crash and
 * disk-full tests.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/audit.ts';
import { blobPath } from '../../electron/services/case/blobs.ts';

export interface CaseState {
  documents: number;
  highlights: number;
  /** Originals with no document: left when a crash falls between the blob write and the commit. */
  orphanBlobs: string[];
  /** Blob temp files: left when a crash falls inside a blob write, before its rename. */
  tempFiles: string[];
}

const ids = (db: Database, sql: string): number[] => (db.prepare(sql).pluck().all() as number[]).sort((a, b) => a - b);

/** Assert everything a crash must not break; returns what it found, for the caller to judge the rest. */
export function expectConsistentCase(caseDir: string, db: Database): CaseState {
  expect(db.pragma('integrity_check', { simple: true }), 'PRAGMA integrity_check').toBe('ok');
  expect(db.pragma('foreign_key_check'), 'PRAGMA foreign_key_check').toEqual([]);

  // The FTS index against its content table ('integrity-check' with rank 1 compares the two),
  // then row by row: one index entry per page, no more, no fewer.
  expect(() => db.prepare("INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  expect(ids(db, 'SELECT id FROM pages_fts_docsize'), 'FTS rows vs page rows').toEqual(ids(db, 'SELECT id FROM pages'));

  const docs = db.prepare('SELECT id, sha256, size, page_count FROM documents').all() as {
    id: string;
    sha256: string;
    size: number;
    page_count: number;
  }[];
  const pagesOf = db.prepare('SELECT page_index FROM pages WHERE document_id = ? ORDER BY page_index').pluck();
  const importRows = db.prepare("SELECT count(*) FROM audit WHERE action = 'document.import' AND entity_id = ?").pluck();
  for (const d of docs) {
    const pages = pagesOf.all(d.id) as number[];
    expect(pages, `pages of document ${d.id}`).toEqual(Array.from({ length: d.page_count }, (_, i) => i));
    const file = blobPath(caseDir, d.sha256);
    expect(fs.existsSync(file), `original of document ${d.id}`).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBe(d.size);
    expect(createHash('sha256').update(bytes).digest('hex'), `hash of ${file}`).toBe(d.sha256);
    expect(importRows.get(d.id), `audit row of document ${d.id}`).toBe(1);
  }
  expect(db.prepare('SELECT count(*) FROM pages WHERE document_id NOT IN (SELECT id FROM documents)').pluck().get()).toBe(0);

  const highlights = db.prepare('SELECT id FROM highlights').pluck().all() as string[];
  const ordinals = db.prepare('SELECT ordinal FROM highlight_targets WHERE highlight_id = ? ORDER BY ordinal').pluck();
  const createRows = db.prepare("SELECT count(*) FROM audit WHERE action = 'highlight.create' AND entity_id = ?").pluck();
  for (const id of highlights) {
    const o = ordinals.all(id) as number[];
    expect(o.length, `targets of highlight ${id}`).toBeGreaterThan(0);
    expect(o).toEqual(o.map((_, i) => i));
    expect(createRows.get(id), `audit row of highlight ${id}`).toBe(1);
  }

  const audit = verifyAudit(db);
  expect(audit.firstBroken, 'audit chain').toBeNull();
  expect(audit.ok).toBe(true);

  // Every file under blobs/ is either a complete original named by its hash, or a temp file.
  const known = new Set(docs.map((d) => d.sha256));
  const orphanBlobs: string[] = [];
  const tempFiles: string[] = [];
  const root = path.join(caseDir, 'blobs', 'sha256');
  for (const rel of fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]) : []) {
    const full = path.join(root, rel);
    if (!fs.statSync(full).isFile()) continue;
    const name = path.basename(full);
    if (name.startsWith('.') && name.endsWith('.tmp')) {
      tempFiles.push(full);
      continue;
    }
    expect(name, `blob file name ${full}`).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(fs.readFileSync(full)).digest('hex'), `content of ${full}`).toBe(name);
    if (!known.has(name)) orphanBlobs.push(name);
  }
  return { documents: docs.length, highlights: highlights.length, orphanBlobs, tempFiles };
}
