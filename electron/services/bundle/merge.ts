/**
 * Importing a bundle into the open case: verify it, stage its originals in a fresh folder,
 * extract the documents it brings (keeping their ids; known SHA-256s are not imported
 * twice), then store them and merge allegations, highlights and links by id in one
 * transaction, so a failure anywhere leaves the case as it was. The rule
 * for a conflict is fixed: the newer edit (updatedAt) wins, a tie keeps what the case has;
 * every conflict is listed in the result and the merge is written to the audit log.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { ExhibitError } from '../../../shared/errors.ts';
import type { MergeResult, Stance } from '../../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CaseStore } from '../case/case.ts';
import { parseCaseFile, type CaseFile } from './case-file.ts';
import { stageDocuments, type StageOptions } from './stage.ts';
import { jobSteps, type StepProgress } from './steps.ts';
import { checkBundle } from './verify.ts';

/** Verify, stage and merge a bundle into the case. */
export async function importBundle(
  store: CaseStore,
  file: string,
  opts: StageOptions & { onProgress?: ((p: StepProgress) => void) | undefined },
): Promise<MergeResult> {
  const steps = jobSteps(opts);
  steps.report('verifying', 0, 1);
  const { report, entries } = await checkBundle(file, { limits: opts.limits });
  steps.report('verifying', 1, 1);
  if (!report.ok)
    throw new ExhibitError(
      'invalid-args',
      `${file} did not verify, so nothing was imported:\n${report.problems.join('\n')}`,
      file,
    );
  // case.json as the verify pass read it, so it is the copy the manifest vouched for.
  const data = parseCaseFile(file, entries);

  const result: MergeResult = {
    documents: { added: 0, known: 0 },
    allegations: { added: 0, updated: 0, unchanged: 0 },
    highlights: { added: 0, updated: 0, unchanged: 0 },
    links: { added: 0, unchanged: 0 },
    conflicts: [],
  };
  const staged = await stageDocuments(store, file, data, entries, opts, result, steps);
  try {
    steps.report('merging', 0, 1);
    // One transaction for the documents and the merge: either all of the bundle is in the case, or none of it.
    store.db.transaction(() => {
      staged.commit();
      mergeAllegations(store.db, data, result);
      mergeHighlights(store.db, data, staged.ids, result);
      mergeLinks(store.db, data, result);
      appendAudit(store.db, {
        actor: opts.actor,
        action: 'bundle.import',
        entity: 'case',
        entityId: null,
        payload: { file: path.basename(file), from: data.case, result },
      });
    })();
  } catch (err) {
    staged.rollback();
    throw err;
  } finally {
    staged.dispose();
  }
  steps.report('merging', 1, 1);
  return result;
}

function mergeAllegations(db: Database, data: CaseFile, result: MergeResult): void {
  for (const a of data.allegations) {
    const local = db.prepare('SELECT * FROM allegations WHERE id = ?').get(a.allegationId) as
      { code: string; updated_at: string; title: string } | undefined;
    if (!local) {
      let code = a.code;
      for (let n = 2; db.prepare('SELECT 1 FROM allegations WHERE code = ? COLLATE NOCASE AND deleted_at IS NULL').get(code); n++)
        code = `${a.code}-${n}`;
      if (code !== a.code)
        result.conflicts.push(`${a.code} "${a.title}": the case already uses ${a.code}, so it came in as ${code}`);
      db.prepare(
        `INSERT INTO allegations (id, code, title, description, source, status, tags, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        a.allegationId,
        code,
        a.title,
        a.description,
        a.source,
        a.status,
        JSON.stringify(a.tags),
        a.position,
        a.createdAt,
        a.updatedAt,
      );
      result.allegations.added++;
    } else if (a.updatedAt > local.updated_at) {
      db.prepare(
        'UPDATE allegations SET title = ?, description = ?, source = ?, status = ?, tags = ?, updated_at = ? WHERE id = ?',
      ).run(a.title, a.description, a.source, a.status, JSON.stringify(a.tags), a.updatedAt, a.allegationId);
      result.allegations.updated++;
      result.conflicts.push(`${local.code}: the bundle's edit is newer and was taken`);
    } else result.allegations.unchanged++;
  }
}

function mergeHighlights(db: Database, data: CaseFile, docIds: Map<string, string>, result: MergeResult): void {
  const insertTarget = db.prepare(
    `INSERT INTO highlight_targets (highlight_id, ordinal, page_index, rects, exact, prefix, suffix, start_offset, end_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const h of data.highlights) {
    const local = db.prepare('SELECT updated_at FROM highlights WHERE id = ?').get(h.highlightId) as
      { updated_at: string } | undefined;
    if (!local) {
      db.prepare(
        `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color, label, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        h.highlightId,
        docIds.get(h.documentId) ?? h.documentId,
        h.author,
        h.createdAt,
        h.updatedAt,
        h.color,
        h.label,
        h.note,
      );
      h.targets.forEach((t, i) =>
        insertTarget.run(
          h.highlightId,
          i,
          t.page - 1,
          JSON.stringify(t.rects),
          t.quote.exact,
          t.quote.prefix,
          t.quote.suffix,
          t.position.start,
          t.position.end,
        ),
      );
      result.highlights.added++;
    } else if (h.updatedAt > local.updated_at) {
      db.prepare('UPDATE highlights SET color = ?, label = ?, note = ?, updated_at = ? WHERE id = ?').run(
        h.color,
        h.label,
        h.note,
        h.updatedAt,
        h.highlightId,
      );
      result.highlights.updated++;
    } else result.highlights.unchanged++;
  }
}

function mergeLinks(db: Database, data: CaseFile, result: MergeResult): void {
  const now = new Date().toISOString();
  for (const l of data.links) {
    const local = db
      .prepare('SELECT stance, rationale FROM links WHERE highlight_id = ? AND allegation_id = ?')
      .get(l.highlightId, l.allegationId) as { stance: Stance; rationale: string | null } | undefined;
    if (!local) {
      db.prepare(
        'INSERT INTO links (highlight_id, allegation_id, stance, rationale, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(l.highlightId, l.allegationId, l.stance, l.rationale, data.case.reviewer, now, now);
      result.links.added++;
    } else {
      if (local.stance !== l.stance || local.rationale !== l.rationale) {
        result.conflicts.push(
          `link ${l.highlightId.slice(0, 8)} → ${l.allegationId.slice(0, 8)}: the case says ${local.stance}, the bundle ${l.stance}; the case's was kept`,
        );
      }
      result.links.unchanged++;
    }
  }
}
