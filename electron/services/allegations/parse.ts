/**
 * Reading a pasted list of allegations: one per line, a Markdown list (numbered or not),
 * or CSV with a header row. Reviewers copy these out of letters and reports, so list
 * markers, leading codes ("A3." or "3)") and wrapped lines are all expected.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { AllegationStatus } from '../../../shared/ipc/contract.ts';

export interface ParsedAllegation {
  title: string;
  code?: string;
  description?: string;
  source?: string;
  status?: AllegationStatus;
  tags?: string[];
}

export type ListFormat = 'auto' | 'lines' | 'markdown' | 'csv';

const BULLET = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$/;
const CODE = /^([A-Za-z]{1,3}\d{1,4})\s*[.:)\]–—-]\s*(.+)$/;

/** Parse a pasted list; throws an error naming the line at fault, so nothing half-imports. */
export function parseAllegations(text: string, format: ListFormat = 'auto'): ParsedAllegation[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const chosen = format === 'auto' ? detect(lines) : format;
  const items = chosen === 'csv' ? parseCsv(text) : chosen === 'markdown' ? parseMarkdown(lines) : parseLines(lines);
  if (items.length === 0) throw new ExhibitError('invalid-args', 'The pasted text holds no allegations', 'text');
  return items;
}

function detect(lines: string[]): Exclude<ListFormat, 'auto'> {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  if (/(^|,)\s*"?title"?\s*(,|$)/i.test(first)) return 'csv';
  return lines.some((l) => BULLET.test(l)) ? 'markdown' : 'lines';
}

/** A leading code such as "A3." becomes the allegation's code. */
function titled(raw: string): ParsedAllegation {
  const text = raw.trim();
  const m = CODE.exec(text);
  return m ? { code: m[1]!.toUpperCase(), title: m[2]!.trim() } : { title: text };
}

function parseLines(lines: string[]): ParsedAllegation[] {
  return lines.filter((l) => l.trim() !== '').map(titled);
}

function parseMarkdown(lines: string[]): ParsedAllegation[] {
  const out: ParsedAllegation[] = [];
  for (const line of lines) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const bullet = BULLET.exec(line);
    if (bullet) out.push(titled(bullet[1]!));
    // A wrapped or indented line continues the item above it.
    else if (out.length > 0) out.at(-1)!.title += ` ${line.trim()}`;
    else out.push(titled(line));
  }
  return out;
}

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new ExhibitError('invalid-args', 'The CSV has a quote that is never closed', 'text');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const COLUMNS = ['title', 'code', 'description', 'source', 'status', 'tags'] as const;

function parseCsv(text: string): ParsedAllegation[] {
  const [header, ...rows] = csvRows(text);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  if (!names.includes('title'))
    throw new ExhibitError('invalid-args', 'The CSV needs a header row with a "title" column', 'text');
  const unknown = names.filter((n) => n !== '' && !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ExhibitError(
      'invalid-args',
      `The CSV has unknown column(s): ${unknown.join(', ')} (known: ${COLUMNS.join(', ')})`,
      'text',
    );
  }
  return rows.map((cells, i) => {
    const line = i + 2;
    const get = (name: (typeof COLUMNS)[number]) => {
      const at = names.indexOf(name);
      const v = at >= 0 ? (cells[at] ?? '').trim() : '';
      return v === '' ? undefined : v;
    };
    const title = get('title');
    if (!title) throw new ExhibitError('invalid-args', `CSV row ${line} has no title`, `row ${line}`);
    const item: ParsedAllegation = { title };
    const code = get('code');
    const description = get('description');
    const source = get('source');
    const status = get('status');
    const tags = get('tags');
    if (code) item.code = code;
    if (description) item.description = description;
    if (source) item.source = source;
    if (status) {
      const parsed = AllegationStatus.safeParse(status.toLowerCase());
      if (!parsed.success) {
        throw new ExhibitError(
          'invalid-args',
          `CSV row ${line}: status "${status}" is not one of ${AllegationStatus.options.join(', ')}`,
          `row ${line}`,
        );
      }
      item.status = parsed.data;
    }
    if (tags)
      item.tags = tags
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean);
    return item;
  });
}
