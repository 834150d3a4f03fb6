/**
 * The titles a reader sees for a set of documents. Two documents may carry the same title
 * (two letters both called "Letter to the Rapporteurs"); side by side in a report, a
 * listing or the matrix they must still be told apart, the same way everywhere. Such
 * titles get the documents' dates when those differ, else a short SHA-256.
 */

/** What deciding a display title needs to know of a document. */
export interface TitledDocument {
  documentId: string;
  title: string;
  sha256: string;
  /** The date the document bears (YYYY-MM-DD…), or null when none is known. */
  date?: string | null | undefined;
}

/** Hex digits of the hash shown; more only when two of the same title share a prefix that long. */
const SHA_DIGITS = 8;

/** Titles that read the same: case, outer and repeated whitespace and Unicode forms do not matter. */
const sameTitleKey = (title: string) => title.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

const dayOf = (date: string | null | undefined) => (date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null);

/**
 * documentId -> the title to show. A title no other document in `docs` shares is kept as
 * it is; a shared one becomes "Title (2021-08-05)" when every document sharing it has a
 * date and the dates all differ, else "Title (sha256 3f2a91c0)".
 */
export function displayTitles(docs: readonly TitledDocument[]): Map<string, string> {
  const groups = new Map<string, TitledDocument[]>();
  for (const d of docs) {
    const key = sameTitleKey(d.title);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.set(group[0]!.documentId, group[0]!.title);
      continue;
    }
    const days = group.map((d) => dayOf(d.date));
    if (days.every((d) => d !== null) && new Set(days).size === group.length) {
      group.forEach((d, i) => out.set(d.documentId, `${d.title.trim()} (${days[i]})`));
      continue;
    }
    const digits = shaDigits(group.map((d) => d.sha256));
    for (const d of group) out.set(d.documentId, `${d.title.trim()} (sha256 ${d.sha256.slice(0, digits)})`);
  }
  return out;
}

/** The fewest hex digits (at least SHA_DIGITS) that tell these hashes apart. */
function shaDigits(hashes: string[]): number {
  let n = SHA_DIGITS;
  while (n < 64 && new Set(hashes.map((h) => h.slice(0, n))).size < new Set(hashes).size) n += 4;
  return n;
}

/** One document's display title within `docs`, or `fallback` when it is not among them. */
export function displayTitleOf(docs: readonly TitledDocument[], documentId: string, fallback = 'Removed document'): string {
  return displayTitles(docs).get(documentId) ?? fallback;
}
