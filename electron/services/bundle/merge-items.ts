/**
 * Merging a bundle's allegations, highlights and links into the case, by id, each settled
 * by the rule in newer-wins.ts: deleted and live versions alike, so a deletion travels and
 * an edit made after it brings the item back. Runs inside the merge's transaction and writes
 * no audit rows of its own (the merge is one). Counts: `added` is new and in view, `updated`
 * is the bundle's version taken over one a reviewer could tell apart, `unchanged` is the
 * rest (the case's version kept, or only hidden state recorded). A link the bundle changes
 * or removes counts as updated (and is listed among the conflicts).
 */
import type { Database } from 'better-sqlite3';
import type { MergeResult } from '../../../shared/ipc/contract.ts';
import type { AllegationRow } from '../allegations/allegations.ts';
import type { LinkRow } from '../allegations/links.ts';
import { insertTargets } from '../highlights/highlights.ts';
import { measuredTargets } from '../highlights/targets.ts';
import type { CaseFile } from './case-file.ts';
import { differences, pick, settled, versionTime, visiblyDifferent, type Version } from './newer-wins.ts';

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function allegationVersion(a: {
  code: string;
  title: string;
  description: string | null;
  source: string | null;
  status: string;
  tags: string[];
  updatedAt: string;
  deletedAt: string | null;
}): Version {
  return {
    at: versionTime(a.updatedAt, a.deletedAt),
    // The code is left out: a case may have had to give the allegation another one (below).
    canon: JSON.stringify([a.title, a.description, a.source, a.status, a.tags, a.updatedAt, a.deletedAt]),
    seen: {
      code: a.code,
      title: a.title,
      description: a.description,
      source: a.source,
      status: a.status,
      tags: a.tags,
      deleted: a.deletedAt !== null,
    },
  };
}

/** A live allegation other than `self` using `code`, if any. */
const holderOf = (db: Database, code: string, self: string) =>
  db
    .prepare(
      'SELECT id, code, title, created_at FROM allegations WHERE code = ? COLLATE NOCASE AND deleted_at IS NULL AND id != ?',
    )
    .get(code, self) as { id: string; code: string; title: string; created_at: string } | undefined;

/**
 * When two allegations claim one code, the older keeps it (created first; on a tie, the
 * smaller id) and the other gets the next free code-2, code-3, …. Both reviewers' cases
 * apply the same rule, so an exchange both ways ends with the same codes.
 */
const olderThan = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** The first of code-2, code-3, … that no live allegation uses. */
function nextFreeCode(db: Database, code: string): string {
  let n = 2;
  while (holderOf(db, `${code}-${n}`, '')) n++;
  return `${code}-${n}`;
}

/** Give the case's allegation `holder` the next free code, so an older incoming one can take its code. */
function yieldCode(db: Database, holder: { id: string; code: string; title: string }, claimant: string, result: MergeResult) {
  const code = nextFreeCode(db, holder.code);
  db.prepare('UPDATE allegations SET code = ? WHERE id = ?').run(code, holder.id);
  result.conflicts.push(
    `${holder.code} "${short(holder.title)}": the bundle's older allegation "${short(claimant)}" is ${holder.code} too, so this one is now ${code}`,
  );
}

/** `code`, or the first of code-2, code-3, … that no other live allegation uses. */
function freeCode(db: Database, code: string, self: string): string {
  let free = code;
  for (let n = 2; holderOf(db, free, self); n++) free = `${code}-${n}`;
  return free;
}

/** Allegations: deletions first, so a code a deletion frees is free for the live ones. */
export function mergeAllegations(db: Database, data: CaseFile, result: MergeResult): void {
  const count = result.allegations;
  const entries = [...data.deleted.allegations, ...data.allegations.map((a) => ({ ...a, deletedAt: null }))];
  for (const a of entries) {
    const incoming = allegationVersion(a);
    const local = db.prepare('SELECT * FROM allegations WHERE id = ?').get(a.allegationId) as AllegationRow | undefined;
    if (!local) {
      // A code is unique among live allegations only, so a deleted one comes in as it is.
      let code = a.code;
      const holder = a.deletedAt ? undefined : holderOf(db, a.code, a.allegationId);
      if (holder && olderThan({ createdAt: holder.created_at, id: holder.id }, { createdAt: a.createdAt, id: a.allegationId })) {
        code = freeCode(db, a.code, a.allegationId);
        result.conflicts.push(
          `${a.code} "${short(a.title)}": the case already uses ${a.code} for an older allegation, so it came in as ${code}`,
        );
      } else if (holder) {
        yieldCode(db, holder, a.title, result);
      }
      db.prepare(
        `INSERT INTO allegations (id, code, title, description, source, status, tags, position, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        a.deletedAt,
      );
      if (a.deletedAt) count.unchanged++;
      else count.added++;
      continue;
    }
    const mine = allegationVersion({
      ...local,
      tags: JSON.parse(local.tags) as string[],
      updatedAt: local.updated_at,
      deletedAt: local.deleted_at,
    });
    const winner = pick(mine, incoming);
    const what = `${local.code} "${short(local.title)}"`;
    if (winner !== 'same' && visiblyDifferent(mine, incoming))
      result.conflicts.push(settled(what, differences(mine, incoming), mine, incoming, winner));
    if (winner !== 'bundle') {
      count.unchanged++;
      continue;
    }
    // The bundle's code; if another live allegation here uses it, the older of the two keeps it.
    let code = a.code;
    const holder = a.deletedAt ? undefined : holderOf(db, a.code, local.id);
    if (holder && olderThan({ createdAt: holder.created_at, id: holder.id }, { createdAt: local.created_at, id: local.id })) {
      code = holderOf(db, local.code, local.id) ? freeCode(db, a.code, local.id) : local.code;
      result.conflicts.push(
        `${what}: the bundle calls it ${a.code}, which the case uses for the older "${short(holder.title)}", so it is ${code} here`,
      );
    } else if (holder) {
      yieldCode(db, holder, a.title, result);
    }
    db.prepare(
      `UPDATE allegations SET code = ?, title = ?, description = ?, source = ?, status = ?, tags = ?, updated_at = ?, deleted_at = ?
       WHERE id = ?`,
    ).run(code, a.title, a.description, a.source, a.status, JSON.stringify(a.tags), a.updatedAt, a.deletedAt, local.id);
    if (visiblyDifferent(mine, incoming)) count.updated++;
    else count.unchanged++;
  }
}

function highlightVersion(h: {
  color: string;
  label: string | null;
  note: string | null;
  updatedAt: string;
  deletedAt: string | null;
}): Version {
  return {
    at: versionTime(h.updatedAt, h.deletedAt),
    canon: JSON.stringify([h.color, h.label, h.note, h.updatedAt, h.deletedAt]),
    seen: { colour: h.color, label: h.label, note: h.note, deleted: h.deletedAt !== null },
  };
}

/** Highlights; a new one is stored with its targets, an existing one's targets never change. */
export function mergeHighlights(db: Database, data: CaseFile, docIds: Map<string, string>, result: MergeResult): void {
  const count = result.highlights;
  const entries = [...data.highlights.map((h) => ({ ...h, deletedAt: null })), ...data.deleted.highlights];
  for (const h of entries) {
    const incoming = highlightVersion(h);
    const local = db
      .prepare('SELECT color, label, note, updated_at, deleted_at FROM highlights WHERE id = ?')
      .get(h.highlightId) as
      { color: string; label: string | null; note: string | null; updated_at: string; deleted_at: string | null } | undefined;
    if (!local) {
      db.prepare(
        `INSERT INTO highlights (id, document_id, author, created_at, updated_at, color, label, note, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        h.highlightId,
        docIds.get(h.documentId) ?? h.documentId,
        h.author,
        h.createdAt,
        h.updatedAt,
        h.color,
        h.label,
        h.note,
        h.deletedAt,
      );
      const docId = docIds.get(h.documentId) ?? h.documentId;
      insertTargets(db, h.highlightId, measuredTargets(db, docId, h.targets, `highlight ${h.highlightId}`));
      if (h.deletedAt) count.unchanged++;
      else count.added++;
      continue;
    }
    const mine = highlightVersion({ ...local, updatedAt: local.updated_at, deletedAt: local.deleted_at });
    const winner = pick(mine, incoming);
    const what = `highlight ${h.highlightId.slice(0, 8)} "${short(h.targets.map((t) => t.quote.exact).join(' '))}"`;
    if (winner !== 'same' && visiblyDifferent(mine, incoming))
      result.conflicts.push(settled(what, differences(mine, incoming), mine, incoming, winner));
    if (winner !== 'bundle') {
      count.unchanged++;
      continue;
    }
    db.prepare('UPDATE highlights SET color = ?, label = ?, note = ?, updated_at = ?, deleted_at = ? WHERE id = ?').run(
      h.color,
      h.label,
      h.note,
      h.updatedAt,
      h.deletedAt,
      h.highlightId,
    );
    if (visiblyDifferent(mine, incoming)) count.updated++;
    else count.unchanged++;
  }
}

function linkVersion(l: { stance: string; rationale: string | null; updatedAt: string; deletedAt: string | null }): Version {
  return {
    at: versionTime(l.updatedAt, l.deletedAt),
    canon: JSON.stringify([l.stance, l.rationale, l.updatedAt, l.deletedAt]),
    seen: { stance: l.stance, rationale: l.rationale, deleted: l.deletedAt !== null },
  };
}

/** "the case says context, the bundle admits", naming the rationales when only they differ. */
function linkDifference(mine: Version, incoming: Version): string {
  const rationale = mine.seen.stance === incoming.seen.stance && !mine.seen.deleted && !incoming.seen.deleted;
  const says = (v: Version) =>
    v.seen.deleted
      ? 'removed'
      : `${String(v.seen.stance)}${rationale ? (v.seen.rationale ? ` ("${short(String(v.seen.rationale))}")` : ' (no rationale)') : ''}`;
  return `the case says ${says(mine)}, the bundle ${says(incoming)}`;
}

/** Links, by highlight and allegation; a removed link is a version like any other. */
export function mergeLinks(db: Database, data: CaseFile, result: MergeResult): void {
  const count = result.links;
  const now = new Date().toISOString();
  const codeOf = db.prepare('SELECT code FROM allegations WHERE id = ?');
  const entries = [...data.links.map((l) => ({ ...l, deletedAt: null })), ...data.deleted.links];
  for (const l of entries) {
    // A bundle from before links carried their times: older than any version the case has.
    const incoming = linkVersion({ ...l, updatedAt: l.updatedAt ?? '' });
    const local = db
      .prepare('SELECT * FROM links WHERE highlight_id = ? AND allegation_id = ?')
      .get(l.highlightId, l.allegationId) as LinkRow | undefined;
    if (!local) {
      const createdAt = l.createdAt ?? now;
      db.prepare(
        `INSERT INTO links (highlight_id, allegation_id, stance, rationale, author, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        l.highlightId,
        l.allegationId,
        l.stance,
        l.rationale,
        l.author ?? data.case.reviewer,
        createdAt,
        l.updatedAt ?? createdAt,
        l.deletedAt,
      );
      if (l.deletedAt) count.unchanged++;
      else count.added++;
      continue;
    }
    const mine = linkVersion({ ...local, updatedAt: local.updated_at, deletedAt: local.deleted_at });
    const winner = pick(mine, incoming);
    const code = (codeOf.get(l.allegationId) as { code: string }).code;
    if (winner !== 'same' && visiblyDifferent(mine, incoming))
      result.conflicts.push(
        settled(`link ${l.highlightId.slice(0, 8)} → ${code}`, linkDifference(mine, incoming), mine, incoming, winner),
      );
    if (winner !== 'bundle') {
      count.unchanged++;
      continue;
    }
    db.prepare(
      `UPDATE links SET stance = ?, rationale = ?, author = ?, created_at = ?, updated_at = ?, deleted_at = ?
       WHERE highlight_id = ? AND allegation_id = ?`,
    ).run(
      l.stance,
      l.rationale,
      l.author ?? local.author,
      l.createdAt ?? local.created_at,
      l.updatedAt ?? local.updated_at,
      l.deletedAt,
      l.highlightId,
      l.allegationId,
    );
    // A link back in view counts as added; a changed or removed one as updated.
    if (local.deleted_at && !l.deletedAt) count.added++;
    else if (visiblyDifferent(mine, incoming)) count.updated++;
    else count.unchanged++;
  }
}
