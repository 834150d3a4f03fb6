/** `exhibit allegation add|import`, `allegations`, `link`, `unlink`, `matrix`, `response-map`. */
import fs from 'node:fs';
import { ExhibitError } from '../../shared/errors.ts';
import { AllegationStatus, Stance, type StanceCounts } from '../../shared/ipc/contract.ts';
import { callTyped } from '../services/router.ts';
import { str, UsageError, type Command, type Values } from './command.ts';
import { caseTitles } from './titles.ts';

const countsText = (c: StanceCounts) =>
  Stance.options
    .filter((s) => c[s] > 0)
    .map((s) => `${s} ${c[s]}`)
    .join(', ') || 'no passages';

function statusOf(values: Values): AllegationStatus | undefined {
  const status = str(values, 'status');
  if (status === undefined) return undefined;
  const parsed = AllegationStatus.safeParse(status);
  if (!parsed.success)
    throw new ExhibitError('invalid-args', `Unknown status "${status}": use ${AllegationStatus.options.join(', ')}`, status);
  return parsed.data;
}

function stanceOf(values: Values): Stance {
  const stance = str(values, 'stance');
  if (!stance) throw new UsageError('link needs --stance (supports, contradicts, context, admits or denies)');
  const parsed = Stance.safeParse(stance);
  if (!parsed.success)
    throw new ExhibitError('invalid-args', `Unknown stance "${stance}": use ${Stance.options.join(', ')}`, stance);
  return parsed.data;
}

function pair(values: Values, verb: string): { highlightId: string; allegationId: string } {
  const highlightId = str(values, 'highlight');
  const allegationId = str(values, 'allegation');
  if (!highlightId || !allegationId)
    throw new UsageError(`${verb} needs --highlight H and --allegation A (an id or a code such as A3)`);
  return { highlightId, allegationId };
}

const allegation: Command = async (s, args, values, out) => {
  const [verb, ...rest] = args;
  if (verb === 'add') {
    if (rest.length > 0) throw new UsageError('allegation add takes options only: --title T [--code C] ...');
    const title = str(values, 'title');
    if (!title) throw new UsageError('allegation add needs --title');
    const tags = Array.isArray(values.tag) ? (values.tag as string[]) : undefined;
    const a = await callTyped(s.router, 'allegations.create', {
      title,
      code: str(values, 'code'),
      description: str(values, 'description'),
      source: str(values, 'source'),
      status: statusOf(values),
      tags,
    });
    out.record({ allegationId: a.allegationId, code: a.code }, () => `${a.code}  ${a.title}  (${a.allegationId})`);
    return 0;
  }
  if (verb === 'import') {
    if (rest.length !== 1)
      throw new UsageError('allegation import takes one file (a list, a Markdown list, or CSV with a header)');
    let text: string;
    try {
      text = fs.readFileSync(rest[0]!, 'utf8');
    } catch {
      throw new ExhibitError('unreadable-file', `${rest[0]}: cannot be read`, rest[0]!);
    }
    const created = await callTyped(s.router, 'allegations.import', { text });
    for (const a of created) out.record({ allegationId: a.allegationId, code: a.code }, () => `${a.code}  ${a.title}`);
    return 0;
  }
  throw new UsageError('usage: exhibit allegation add --title T [...] | exhibit allegation import FILE');
};

const allegations: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('allegations takes no arguments (filter with --status or --tag)');
  const tag = Array.isArray(values.tag) ? (values.tag as string[])[0] : undefined;
  const list = await callTyped(s.router, 'allegations.list', { status: statusOf(values), tag });
  for (const a of list) {
    out.record(
      { allegationId: a.allegationId, code: a.code, title: a.title, status: a.status, counts: a.counts },
      () => `${a.code.padEnd(5)} ${a.status.padEnd(12)} ${a.title}  [${countsText(a.counts)}]`,
    );
  }
  if (list.length === 0) out.say('No allegations yet. Add one with: exhibit allegation add --title "..."');
  return 0;
};

const link: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('link takes options only: --highlight H --allegation A --stance S [--rationale R]');
  const ids = pair(values, 'link');
  const l = await callTyped(s.router, 'links.create', { ...ids, stance: stanceOf(values), rationale: str(values, 'rationale') });
  out.record(l, () => `Linked ${l.highlightId.slice(0, 8)} to ${ids.allegationId} as ${l.stance}`);
  return 0;
};

const unlink: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('unlink takes options only: --highlight H --allegation A');
  const l = await callTyped(s.router, 'links.remove', pair(values, 'unlink'));
  out.record(
    { highlightId: l.highlightId, allegationId: l.allegationId, removed: true },
    () => `Unlinked ${l.highlightId.slice(0, 8)}`,
  );
  return 0;
};

const matrix: Command = async (s, args, _values, out) => {
  if (args.length > 0) throw new UsageError('matrix takes no arguments');
  const m = await callTyped(s.router, 'matrix.get', {});
  const titles = await caseTitles(s);
  const zero: StanceCounts = { supports: 0, contradicts: 0, context: 0, admits: 0, denies: 0 };
  for (const a of m.allegations)
    for (const d of m.documents) {
      const counts = m.cells.find((c) => c.allegationId === a.allegationId && c.documentId === d.documentId)?.counts ?? zero;
      const shown = titles.get(d.documentId) ?? d.title;
      out.record(
        { allegationId: a.allegationId, code: a.code, documentId: d.documentId, title: d.title, displayTitle: shown, counts },
        () => `${a.code.padEnd(5)} ${shown}: ${countsText(counts)}`,
      );
    }
  return 0;
};

const responseMap: Command = async (s, args, values, out) => {
  if (args.length > 0) throw new UsageError('response-map takes --doc DOC');
  const doc = str(values, 'doc');
  if (!doc) throw new UsageError('response-map needs --doc DOC (the response document)');
  const { documentId, title } = await callTyped(s.router, 'documents.get', { documentId: doc });
  const entries = await callTyped(s.router, 'responseMap.get', { documentId });
  out.say(`How "${(await caseTitles(s)).get(documentId) ?? title}" answers each allegation:`);
  for (const e of entries) {
    out.record(
      { allegationId: e.allegationId, code: e.code, addressed: e.addressed, stances: e.stances },
      () => `${e.code.padEnd(5)} ${e.addressed ? e.stances.join(', ').padEnd(24) : 'NOT ADDRESSED'.padEnd(24)} ${e.title}`,
    );
  }
  return 0;
};

export const ledgerCommands: Record<string, Command> = {
  allegation,
  allegations,
  link,
  unlink,
  matrix,
  'response-map': responseMap,
};
