/**
 * The `exhibit` command line over the same services and router as the app. `run`
 * returns the exit status instead of exiting, so tests can call it in-process too.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { displayTitles } from '../../shared/display-titles.ts';
import { ExhibitError } from '../../shared/errors.ts';
import type {
  BundleProgress,
  ImportProgress,
  OcrDocumentStatus,
  OcrLanguage,
  OcrProgress,
  Provenance,
} from '../../shared/ipc/contract.ts';
import { packLanguageCode } from '../../shared/ocr.ts';
import { initCase } from '../services/case/case.ts';
import { defaultCaseDir, userConfigDir } from '../services/case/paths.ts';
import { organizationName, readSettings, reviewerName, saveOrganization, writeSettings } from '../services/case/settings.ts';
import { callTyped } from '../services/router.ts';
import { openServices, type Services } from '../services/services.ts';
import { attachOptionValues } from './args.ts';
import { positiveInt, str, UsageError, type Command, type OptionToken, type Values } from './command.ts';
import { backupCommand, restoreCommand } from './backup-commands.ts';
import { bundleCommands } from './bundle-commands.ts';
import { courtCommands } from './court-commands.ts';
import { highlightCommands } from './highlight-commands.ts';
import { ledgerCommands } from './ledger-commands.ts';
import { markHits, Output, OutputClosed, type Io } from './output.ts';
import { progressBar } from './progress.ts';
import { keyCommand, trustCommand, verifyCommand } from './trust-commands.ts';
import type { OPTION_SPEC } from './usage.ts';
import { COMMAND_OPTIONS, specFor, USAGE } from './usage.ts';

const VERSION = '0.1.0';

/** Run one CLI invocation; resolves to the exit status. */
export async function run(argv: string[], io: Io): Promise<number> {
  let out = new Output(io, argv.includes('--json'));
  try {
    let parsed;
    try {
      const spec = specFor(argv);
      const args = attachOptionValues(argv, spec);
      parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true, tokens: true });
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError((err as Error).message);
    }
    const values = parsed.values as Values;
    out = new Output(io, values.json === true);
    const [command, ...rest] = parsed.positionals;
    if (values.version) return (out.record({ version: VERSION }, () => `exhibit ${VERSION}`), 0);
    if (values.help || !command || command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return command || values.help ? 0 : 2;
    }
    const allowed = COMMAND_OPTIONS[command];
    if (!allowed) throw new UsageError(`unknown command "${command}"`);
    for (const key of Object.keys(values)) {
      if (!['case', 'json', 'help', 'version'].includes(key) && !allowed.includes(key)) {
        throw new UsageError(`--${key} does not apply to "${command}"`);
      }
    }
    const order = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [{ name: t.name, value: t.value }] : []));
    return await dispatch(command, rest, values, out, io, order);
  } catch (err) {
    // The reader has all it wanted; what the command did is done (or was only reading).
    if (err instanceof OutputClosed) return 0;
    if (err instanceof UsageError) {
      out.error(`${err.message} (run "exhibit --help" for usage)`, 'usage');
      return 2;
    }
    if (err instanceof ExhibitError) {
      out.error(err.message, err.code, err.subject);
      return 1;
    }
    out.error(`unexpected error: ${(err as Error).stack ?? String(err)}`, 'internal');
    return 1;
  }
}

function caseDirOf(values: Values, io: Io): { dir: string; create: boolean } {
  if (typeof values.case === 'string') return { dir: path.resolve(io.cwd, values.case), create: false };
  if (io.env.EXHIBIT_CASE) return { dir: path.resolve(io.cwd, io.env.EXHIBIT_CASE), create: false };
  return { dir: defaultCaseDir(io.env), create: true };
}

function provenanceOf(values: Values): Provenance {
  const p: Provenance = {};
  const pick = (k: keyof typeof OPTION_SPEC) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (pick('source') !== undefined) p.source = pick('source')!;
  if (pick('obtained-from') !== undefined) p.obtainedFrom = pick('obtained-from')!;
  if (pick('obtained-at') !== undefined) p.obtainedAt = pick('obtained-at')!;
  if (pick('collected-by') !== undefined) p.collectedBy = pick('collected-by')!;
  if (pick('notes') !== undefined) p.notes = pick('notes')!;
  return p;
}

async function dispatch(
  command: string,
  args: string[],
  values: Values,
  out: Output,
  io: Io,
  order: readonly OptionToken[],
): Promise<number> {
  const actor = () => reviewerName(io.env);
  if (command === 'init') {
    if (args.length !== 1) throw new UsageError('init takes one folder: exhibit init DIR');
    const store = initCase(path.resolve(io.cwd, args[0]!), actor());
    store.close();
    out.record({ case: store.dir, created: true }, () => `Created case ${store.dir}`);
    return 0;
  }
  if (command === 'reviewer') {
    if (args.length > 1) throw new UsageError('reviewer takes at most one name (quote names with spaces)');
    if (args.length === 1) writeSettings({ ...readSettings(), reviewerName: args[0]! });
    const name = actor();
    out.record({ reviewer: name }, () => `Reviewer: ${name}`);
    return 0;
  }
  if (command === 'organization') {
    if (args.length > 1) throw new UsageError('organization takes at most one name (quote names with spaces)');
    if (args.length === 1 && args[0]!.trim().length > 200) throw new UsageError('an organization name is at most 200 characters');
    const dir = userConfigDir(io.env);
    if (args.length === 1) saveOrganization(args[0]!, dir);
    const org = organizationName(dir);
    out.record({ organization: org }, () => (org ? `Organization: ${org}` : 'Organization: (none)'));
    return 0;
  }
  if (command === 'verify') return verifyCommand(args, values, out);
  if (command === 'key') return keyCommand(args, out);
  const where = caseDirOf(values, io);
  // A case to restore may be damaged: it is never opened before the backup is in place.
  if (command === 'restore') return restoreCommand(where.dir, args, values, out, actor());
  const progress = progressBar(out);
  const services = openServices({
    caseDir: where.dir,
    create: where.create,
    actor,
    emit: (event, payload) => {
      if (event === 'import.progress') progress.update(payload as ImportProgress);
      else if (event === 'bundle.progress') progress.step(payload as BundleProgress);
      else if (event === 'ocr.progress') progress.ocr(payload as OcrProgress);
    },
    onRemeasure: (done, total, title) => progress.remeasure(done, total, title),
    // One command after another would each copy the case; backups follow changes instead.
    backup: { onOpen: false },
  });
  try {
    // A case from an older Exhibit gets its highlight boxes cut from the glyphs first, once.
    const remeasured = await services.geometry.idle();
    progress.done();
    for (const r of remeasured.filter((x) => x.failure !== null))
      io.stderr.write(`exhibit: "${r.title}" could not be re-measured (${r.failure}); its highlights keep their earlier boxes\n`);
    return await commands[command]!(services, args, values, out, order);
  } finally {
    progress.done();
    await services.close();
  }
}

const commands: Record<string, Command> = {
  ...bundleCommands,
  ...courtCommands,
  ...highlightCommands,
  ...ledgerCommands,
  backup: backupCommand,
  trust: trustCommand,
  async import(s, args, values, out) {
    if (args.length === 0) throw new UsageError('import needs at least one file or folder');
    const jobId = randomUUID();
    const onSigint = () => void s.router.call('import.cancel', { jobId });
    process.once('SIGINT', onSigint);
    try {
      const password = str(values, 'password');
      const lang = str(values, 'lang');
      if (lang !== undefined && values['no-ocr'] === true) throw new UsageError('--lang and --no-ocr contradict each other');
      const results = await callTyped(s.router, 'import.start', {
        jobId,
        paths: args,
        password,
        provenance: provenanceOf(values),
        ocr: values['no-ocr'] === true ? false : lang,
      });
      // Scans are read before the command ends, so what it printed is searchable at once.
      await waitForOcr(s, out);
      const read = new Map((await callTyped(s.router, 'ocr.status', {})).map((o) => [o.documentId, o]));
      let failedCount = 0;
      let skippedCount = 0;
      for (const r of results) {
        if (r.status === 'failed') failedCount++;
        if (r.status === 'skipped') skippedCount++;
        const ocr = r.documentId ? read.get(r.documentId) : undefined;
        const summary = ocr ? ocrSummary(ocr) : null;
        out.record(summary ? { ...r, ocr: summary } : r, () =>
          r.status === 'failed' || r.status === 'skipped'
            ? `${r.status.padEnd(10)} ${r.error}${r.errorCode === 'password-required' ? ' (give it with --password)' : ''}`
            : `${r.status.padEnd(10)} ${r.path}  (${r.pages} page${r.pages === 1 ? '' : 's'}, ${r.documentId})${summary ? `\n           ${describeOcr(summary)}` : ''}`,
        );
      }
      const files = results.length - skippedCount;
      const skipped = skippedCount > 0 ? ` ${skippedCount} link(s) skipped.` : '';
      if (files === 0) out.say(`No PDF, text or image files found.${skipped}`);
      else out.say(`${files - failedCount} of ${files} file(s) imported or already present; ${failedCount} failed.${skipped}`);
      if (failedCount > 0) out.error(`${failedCount} file(s) could not be imported (see above)`, 'import-failed');
      return failedCount > 0 ? 1 : 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },

  async ocr(s, args, values, out) {
    if (args.length !== 1)
      throw new UsageError('ocr takes one document: exhibit ocr DOC [--lang eng+fra] [--force] [--password P]');
    const started = await callTyped(s.router, 'ocr.run', {
      documentId: args[0]!,
      languages: str(values, 'lang'),
      force: values.force === true,
      password: str(values, 'password'),
    });
    if (started.queued === 0) {
      out.say(`"${started.title}" has no scanned pages to read (use --force to read its pages again)`);
      return 0;
    }
    await waitForOcr(s, out);
    const [status] = await callTyped(s.router, 'ocr.status', { documentId: started.documentId });
    const summary = ocrSummary(status!);
    out.record(
      { documentId: status!.documentId, title: status!.title, ...summary },
      () => `${status!.title}: ${describeOcr(summary)}`,
    );
    return summary.failed > 0 ? 1 : 0;
  },

  async 'ocr-languages'(s, args, _values, out) {
    const line = (l: OcrLanguage) =>
      `${l.code.padEnd(8)} ${l.label}${l.installed ? '' : '  (not installed: exhibit ocr-languages add CODE.traineddata)'}`;
    if (args[0] === 'add') {
      if (args.length !== 2)
        throw new UsageError('usage: exhibit ocr-languages add FILE (a .traineddata or .traineddata.gz pack)');
      const file = path.resolve(args[1]!);
      const code = packLanguageCode(path.basename(file));
      const added = (await callTyped(s.router, 'ocr.addLanguage', { path: file })).find((l) => l.code === code);
      if (added) out.record({ added: true, ...added }, () => `Added ${line(added)}`);
      return 0;
    }
    if (args.length > 0) throw new UsageError('usage: exhibit ocr-languages [add FILE]');
    for (const l of await callTyped(s.router, 'ocr.languages', {})) out.record(l, () => line(l));
    return 0;
  },

  async documents(s, args, _values, out) {
    if (args.length > 0) throw new UsageError('documents takes no arguments');
    const docs = await callTyped(s.router, 'documents.list', {});
    const titles = displayTitles(docs);
    for (const d of docs) {
      const shown = titles.get(d.documentId) ?? d.title;
      const rec = {
        documentId: d.documentId,
        title: d.title,
        displayTitle: shown,
        date: d.date,
        sha256: d.sha256,
        pages: d.pages,
        kind: d.kind,
        textLayer: d.textLayer,
      };
      out.record(
        rec,
        () =>
          `${d.documentId.slice(0, 8)}  ${d.kind.padEnd(4)} ${String(d.pages).padStart(5)} p  ${d.textLayer ? '' : '[no text layer] '}${shown}`,
      );
    }
    if (docs.length === 0) out.say('No documents yet. Import some with: exhibit import FILE_OR_FOLDER');
    return 0;
  },

  async show(s, args, values, out) {
    if (args.length !== 1) throw new UsageError('show takes one document: exhibit show DOC [--page N]');
    const only = positiveInt(values.page, 'page');
    const doc = await callTyped(s.router, 'documents.get', { documentId: args[0]! });
    const pages = only ? [only] : Array.from({ length: doc.pages }, (_, i) => i + 1);
    for (const n of pages) {
      const p = await callTyped(s.router, 'documents.page', { documentId: doc.documentId, page: n });
      out.record(
        { documentId: p.documentId, page: p.page, label: p.label, text: p.text },
        () => `${only ? '' : `--- page ${p.page}${p.label ? ` (${p.label})` : ''} ---\n`}${p.text}`,
      );
    }
    return 0;
  },

  async provenance(s, args, values, out) {
    if (args.length !== 1) throw new UsageError('provenance takes one document: exhibit provenance DOC [--source S ...]');
    const changes = provenanceOf(values);
    let doc = await callTyped(s.router, 'documents.get', { documentId: args[0]! });
    if (Object.keys(changes).length > 0) {
      const merged = { ...doc.provenance, ...changes };
      const updated = await callTyped(s.router, 'documents.setProvenance', { documentId: doc.documentId, provenance: merged });
      doc = { ...doc, provenance: updated.provenance };
    }
    const p = doc.provenance;
    out.record({ documentId: doc.documentId, provenance: p }, () =>
      [
        `${doc.title} (${doc.documentId})`,
        `  source:        ${p.source ?? '—'}`,
        `  obtained from: ${p.obtainedFrom ?? '—'}`,
        `  obtained at:   ${p.obtainedAt ?? '—'}`,
        `  collected by:  ${p.collectedBy ?? '—'}`,
        `  notes:         ${p.notes ?? '—'}`,
      ].join('\n'),
    );
    return 0;
  },

  async search(s, args, values, out) {
    if (args.length === 0) throw new UsageError('search needs a query: exhibit search "exact phrase" word prefix*');
    const query = args.join(' ');
    const res = await callTyped(s.router, 'search.query', { query, limit: positiveInt(values.limit, 'limit') ?? 20 });
    if (res.note) out.error(res.note, 'search-note');
    out.say(
      `${res.total} page(s) match ${JSON.stringify(query)}${res.total > res.results.length ? `; showing ${res.results.length}` : ''}`,
    );
    const colour = out.io.stdout.isTTY === true && !out.io.env.NO_COLOR;
    for (const h of res.results) {
      out.record(
        { documentId: h.documentId, title: h.title, page: h.page, snippet: h.snippet, highlights: h.highlights },
        () => `\n${h.title} — page ${h.page}  (${h.documentId.slice(0, 8)})\n  ${markHits(h.snippet, h.highlights, colour)}`,
      );
    }
    return 0;
  },

  async audit(s, args, _values, out) {
    if (args.length !== 1 || args[0] !== 'verify') throw new UsageError('usage: exhibit audit verify');
    const report = await callTyped(s.router, 'audit.verify', {});
    out.record(report, () =>
      report.ok
        ? `Audit log intact: ${report.rows} row(s), hash chain verified.`
        : `Audit log BROKEN at row ${report.firstBroken!.seq}: ${report.firstBroken!.reason}.`,
    );
    if (!report.ok)
      out.error(`the audit log is broken at row ${report.firstBroken!.seq}`, 'audit-broken', String(report.firstBroken!.seq));
    return report.ok ? 0 : 1;
  },
};

/** Wait for the case's scans to be read; each page that could not be read is said on stderr. */
async function waitForOcr(s: Services, out: Output): Promise<void> {
  await s.ocr.idle();
  for (const o of await callTyped(s.router, 'ocr.status', {}))
    for (const e of o.errors) out.io.stderr.write(`exhibit: page ${e.page} of "${o.title}" could not be read: ${e.reason}\n`);
}

interface OcrSummary {
  pages: number;
  read: number;
  failed: number;
  confidence: number | null;
  lowConfidencePages: number[];
  languages: string | null;
}

const ocrSummary = (o: OcrDocumentStatus): OcrSummary => ({
  pages: o.pages,
  read: o.done,
  failed: o.failed,
  confidence: o.confidence,
  lowConfidencePages: o.lowConfidencePages,
  languages: o.languages,
});

function describeOcr(o: OcrSummary): string {
  const conf = o.confidence === null ? '' : `, mean confidence ${Math.round(o.confidence)}%`;
  const low = o.lowConfidencePages.length > 0 ? `; doubtful reading on page(s) ${o.lowConfidencePages.join(', ')}` : '';
  const failed = o.failed > 0 ? `; ${o.failed} page(s) could not be read` : '';
  return `OCR: ${o.read} of ${o.pages} scanned page(s) read (${o.languages ?? 'eng'}${conf})${low}${failed}`;
}
