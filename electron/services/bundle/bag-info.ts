/**
 * bag-info.txt: the fields RFC 8493 recommends (who sent the bag, who to ask, what it holds,
 * how big it is, which set it belongs to) beside Payload-Oxum and Exhibit's own fields.
 */
import { formatBytes } from '../../../shared/format-bytes.ts';
import type { ExportScope } from './audit-scope.ts';
import { isScoped } from './audit-scope.ts';
import type { ReportModel } from '../report/model.ts';
import { titleOf } from '../report/cite.ts';

export interface BagInfo {
  caseName: string;
  version: string;
  reviewer: string;
  /** SHA-256 of the signing key's DER SubjectPublicKeyInfo, lowercase hex. */
  fingerprint: string;
  baggingDate: string;
  /** The reviewer's organization (a per-user setting); the field is left out when unset. */
  organization: string | null;
  /** What the bundle holds: the whole case, or which allegations and documents. */
  description: string;
  /** Names the case, so that every bundle of one case carries the same value. */
  groupIdentifier: string;
}

/** A tag value on one line: BagIt reads a line break as the start of the next field. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const quoted = (titles: string[]) => titles.map((t) => `"${t}"`).join(', ');

/** External-Description: the whole case, or exactly what a scoped export names and carries. */
export function scopeDescription(model: ReportModel, scope: ExportScope | undefined): string {
  const counts =
    `${model.documents.length} document(s), ${model.allegations.length} allegation(s), ` +
    `${model.highlights.length} highlight(s)`;
  if (!isScoped(scope)) return `Evidence bundle of the whole case "${model.caseName}": ${counts}.`;
  const parts: string[] = [];
  if (scope?.allegationIds?.length)
    parts.push(`the allegations ${model.allegations.map((a) => `${a.code} (${a.title})`).join(', ')}`);
  // Named as the reports name them, so two documents of one title are two names here too; in
  // order of those names, so the line does not depend on which file of an import finished first.
  const names = quoted(model.documents.map((d) => titleOf(model, d.documentId)).sort((a, b) => a.localeCompare(b)));
  if (scope?.documentIds?.length) parts.push(`the documents ${names}`);
  const held = scope?.documentIds?.length ? '' : ` It holds the documents ${names}.`;
  return (
    `Evidence bundle of part of the case "${model.caseName}", scoped to ${parts.join(' and ')}, ` +
    `with the highlights and links between them: ${counts}.${held} ` +
    'Audit log rows about anything else are redacted (see data/audit/head.json).'
  );
}

/** The text of bag-info.txt for a payload of `files` files and `bytes` bytes. */
export function bagInfoText(info: BagInfo, files: number, bytes: number): string {
  const fields: [string, string | null][] = [
    ['Source-Organization', info.organization],
    ['Contact-Name', info.reviewer],
    ['External-Description', info.description],
    ['Bagging-Date', info.baggingDate.slice(0, 10)],
    ['Bag-Size', formatBytes(bytes)],
    ['Payload-Oxum', `${bytes}.${files}`],
    ['Bag-Group-Identifier', info.groupIdentifier],
    ['Exhibit-Case-Name', info.caseName],
    ['Exhibit-Version', info.version],
    ['Exhibit-Reviewer', info.reviewer],
    ['Exhibit-Public-Key-SHA256', info.fingerprint],
  ];
  return fields
    .filter((f): f is [string, string] => f[1] !== null && oneLine(f[1]) !== '')
    .map(([k, v]) => `${k}: ${oneLine(v)}\n`)
    .join('');
}
