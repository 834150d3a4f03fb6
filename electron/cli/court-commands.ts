/**
 * `exhibit court-bundle`: one paginated, indexed, bookmarked PDF of the case's documents,
 * in sections given on the command line (`--section TITLE --doc DOC...`, in that order), from
 * a plan saved in the app (`--plan NAME`), or, with neither, every document in one section
 * by date then title.
 */
import path from 'node:path';
import { ExhibitError } from '../../shared/errors.ts';
import { DEFAULT_COURT_OPTIONS, StampPosition, type CourtPlanBody, type CourtSection } from '../../shared/ipc/contract.ts';
import { buildCourtBundle } from '../services/court/build.ts';
import { listPlans } from '../services/court/plans.ts';
import { listDocuments, resolveDocument } from '../services/documents/documents.ts';
import { reviewerName } from '../services/case/settings.ts';
import { positiveInt, str, UsageError, type Command, type OptionToken } from './command.ts';
import { progressBar } from './progress.ts';

/** Sections and their documents in the order the options were given. */
function sectionsFromOptions(s: Parameters<Command>[0], order: readonly OptionToken[]): CourtSection[] | null {
  const sections: CourtSection[] = [];
  for (const t of order) {
    if (t.name === 'section') sections.push({ title: t.value ?? '', documentIds: [] });
    else if (t.name === 'doc') {
      const current = sections.at(-1);
      if (!current) throw new UsageError('--doc belongs to a --section: give --section TITLE before its documents');
      current.documentIds.push(resolveDocument(s.store.db, t.value ?? '').id);
    }
  }
  if (sections.length === 0) return null;
  for (const sec of sections) if (!sec.title.trim()) throw new UsageError('--section needs a title');
  return sections;
}

/** Every document of the case in one section, by date (undated last), then title. */
function everyDocument(s: Parameters<Command>[0]): CourtSection[] {
  const docs = listDocuments(s.store.db).sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.title.localeCompare(b.title),
  );
  return [{ title: 'Documents', documentIds: docs.map((d) => d.documentId) }];
}

function savedPlan(s: Parameters<Command>[0], name: string): CourtPlanBody {
  const plans = listPlans(s.store.db);
  const found = plans.find((p) => p.name === name);
  if (!found)
    throw new ExhibitError(
      'not-found',
      `No court bundle plan is called "${name}"${plans.length ? ` (the case has: ${plans.map((p) => p.name).join(', ')})` : ''}`,
      name,
    );
  return { cover: found.cover, sections: found.sections, options: found.options };
}

const courtBundleCommand: Command = async (s, args, values, out, order = []) => {
  if (args.length > 0) throw new UsageError('court-bundle takes options only: exhibit court-bundle --out FILE.pdf [...]');
  const file = str(values, 'out');
  if (!file) throw new UsageError('court-bundle needs --out FILE.pdf');
  const planName = str(values, 'plan');
  const given = sectionsFromOptions(s, order);
  if (planName !== undefined && given) throw new UsageError('give --plan NAME or --section ... --doc ..., not both');
  const position = str(values, 'stamp-position');
  if (position !== undefined && !StampPosition.safeParse(position).success)
    throw new UsageError(`--stamp-position takes ${StampPosition.options.join(', ')}`);
  const digits = positiveInt(values.digits, 'digits');
  if (digits !== undefined && digits > 8) throw new UsageError('--digits takes 1 to 8');
  const base: CourtPlanBody = planName
    ? savedPlan(s, planName)
    : {
        cover: { title: 'Court bundle', date: null, preparedBy: reviewerName(out.io.env) },
        sections: given ?? everyDocument(s),
        options: DEFAULT_COURT_OPTIONS,
      };
  // Options on the command line override the saved plan's.
  const title = str(values, 'title');
  const prefix = str(values, 'prefix');
  const plan: CourtPlanBody = {
    cover: { ...base.cover, ...(title !== undefined ? { title } : {}) },
    sections: base.sections,
    options: {
      ...base.options,
      ...(prefix !== undefined ? { prefix } : {}),
      ...(digits !== undefined ? { digits } : {}),
      ...(position !== undefined ? { stampPosition: position as StampPosition } : {}),
      ...(values.highlights === true ? { highlights: true } : {}),
      ...(values.notes === true ? { highlights: true, notes: true } : {}),
    },
  };
  const target = path.resolve(out.io.cwd, file);
  const docx = str(values, 'index-docx');
  const bar = progressBar(out);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const r = await buildCourtBundle({ store: s.store, pool: s.pool, sessionPassword: () => null }, plan, {
      out: target,
      indexDocx: docx ? path.resolve(out.io.cwd, docx) : undefined,
      passwords: Array.isArray(values.password) ? values.password : undefined,
      caseName: path.basename(s.store.dir),
      signal: controller.signal,
      onProgress: (p) => bar.court(p),
    });
    bar.done();
    out.record(r, () =>
      [
        `Wrote a court bundle of ${r.pages} pages (${r.entries.length} ${r.entries.length === 1 ? 'document' : 'documents'}) to ${r.out}`,
        ...(r.indexDocx ? [`Index as DOCX: ${r.indexDocx}`] : []),
      ].join('\n'),
    );
    if (!out.json) for (const w of r.warnings) out.io.stderr.write(`exhibit: warning: ${w}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ExhibitError && err.code === 'password-required')
      throw new ExhibitError(err.code, `${err.message}\nGive its password with --password P.`, err.subject);
    throw err;
  } finally {
    bar.done();
    process.removeListener('SIGINT', onSigint);
  }
};

export const courtCommands: Record<string, Command> = { 'court-bundle': courtBundleCommand };
