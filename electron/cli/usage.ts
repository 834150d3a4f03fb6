/** The CLI's help text and its table of which options each command takes. */

export const USAGE = `Usage: exhibit [--case DIR] [--json] COMMAND [ARGS]

Commands:
  init DIR                      Create a new, empty case in DIR
  import PATH...                Import PDF, text and image (PNG, JPEG, TIFF) files, or folders of them
      [--password P]              password for encrypted PDFs
      [--lang eng+fra] [--no-ocr] scanned pages and images are read (OCR, offline) before the
                                  command ends, in English unless --lang says otherwise;
                                  --no-ocr leaves them unread (exhibit ocr reads them later)
      [--source S] [--obtained-from F] [--obtained-at DATE] [--collected-by C] [--notes N]
  ocr DOC [--lang L] [--force]  Read a document's scanned pages (again, with --force: every
      [--password P]              page read before too, e.g. with another language pack);
                                  an encrypted PDF's scanned pages need its --password
  ocr-languages                 The languages scans can be read in, and which are installed
  ocr-languages add FILE        Add a language pack you have (Tesseract's CODE.traineddata or
                                  CODE.traineddata.gz, e.g. fra.traineddata from tessdata_best):
                                  checked, then copied to your packs folder; nothing is downloaded
  documents                     List the documents in the case
  show DOC [--page N]           Print a document's text (all pages, or page N)
  provenance DOC [--source S] [--obtained-from F] [--obtained-at DATE] [--collected-by C] [--notes N]
                                Show a document's provenance, or change it
  search QUERY... [--limit N]   Full-text search: words, "exact phrases", prefix*, AND/OR/NOT
  highlight add --doc DOC --page N --quote TEXT [--occurrence K] [--note T] [--color C] [--label L]
                                Highlight that text on that page, or starting there and running
                                on over the next pages (one highlight, a part per page);
                                whitespace and line breaks need not match the page exactly
  highlight add --doc DOC --page N --rect X,Y,W,H [--note T] [--color C] [--label L]
                                Highlight an area of that page, scanned or not: X,Y its top-left
                                corner and W,H its size, in points (1/72 inch) from the top-left
                                corner of the page as shown; the words inside are its quote
  highlight delete ID           Delete a highlight
  highlights [--doc DOC]        List highlights, with each anchor's state (ok, drifted, orphaned) and
                                any drift (moved, approximate) since the text was read again
  allegation add --title T [--code C] [--description D] [--source S] [--status S] [--tag T]...
                                Add an allegation (codes A1, A2, … unless --code is given)
  allegation import FILE        Add allegations from a list, a Markdown list or CSV with a header
  allegations [--status S] [--tag T]
                                List allegations with their passages counted per stance
  link --highlight H --allegation A --stance S [--rationale R]
                                Tie a highlight to an allegation (A: id or code); stances:
                                supports, contradicts, context, admits, denies
  unlink --highlight H --allegation A
  matrix                        Stance counts for every allegation × document
  response-map --doc DOC        Per allegation: does DOC address it, and how
  export --out FILE.zip [--allegation A]... [--document D]...
                                Export the case (or only those allegations/documents) as a
                                signed evidence bundle (a BagIt bag in a ZIP)
  report --format html|docx|md|csv --out FILE [--allegation A]...
                                Write the report on its own
  verify FILE.zip [--trust FPR]...
                                Check a bundle: hashes, manifests, signature, audit chain, and
                                who signed it. Exits 1 on any integrity problem, or when --trust
                                is given and the signer is none of those keys (nor your own key
                                or a trusted signer of the case, if one is open)
  import-bundle FILE.zip [--accept-signer FPR [--trust-signer NAME]] [--password P]...
                                Verify a bundle, then merge it into the case (by id; the newer
                                edit wins a conflict, and every conflict is listed). A bundle
                                signed by a key the case does not trust is refused unless
                                --accept-signer gives that key's fingerprint; --trust-signer
                                also adds it to the case's trusted signers as NAME. A bundle
                                carries its PDFs' pages, so its encrypted PDFs need no password;
                                one from an earlier Exhibit does not, and each encrypted PDF in
                                it is opened with the --password values given, tried in turn
  court-bundle --out FILE.pdf [--title T] [--prefix P] [--digits N] [--stamp-position POS]
      [--highlights] [--notes] [--index-docx FILE] [--password P]...
      [--plan NAME | --section TITLE --doc DOC [--doc DOC]... ...]
                                One PDF for a court: a cover, an index linking every document,
                                then the documents, each page stamped with its bundle number
                                (P then N digits: --prefix EXH- --digits 5 gives EXH-00012) at
                                POS (bottom-right, bottom-center, bottom-left, top-right,
                                top-left). Sections and documents in the order given; without
                                --section, every document in one section by date then title;
                                --plan uses a plan saved in the app. --highlights draws the
                                case's highlights on the pages, --notes with their notes;
                                --index-docx also writes the index for Word
  key                           Print your signing key's fingerprint, to give to whoever
                                imports your bundles (the key is made on first use)
  trust add FPR --name NAME     Trust bundles signed by that key in this case
  trust list                    Your own key and the case's trusted signers
  trust remove FPR              Stop trusting that key (your own key cannot be removed)
  audit verify                  Check the audit log's hash chain
  backup                        Back up the case's database now, into the case's backups/ folder
                                (the originals are never copied: they do not change). Backups
                                are also taken after every 200 changes, and when the app opens
                                a case that changed
  restore --latest | --from FILE
                                Put a backup in place of the case's database (the one replaced
                                is kept beside it); without an option, list the backups
  reviewer [NAME]               Show or set the reviewer name recorded in the audit log
  organization [NAME]           Show or set your organization, named in exported bundles
                                (bag-info.txt Source-Organization); "" removes it

Options:
  --case DIR    the case to use (default: EXHIBIT_CASE, else your default case)
  --json        one JSON object per line on stdout, nothing else
  --help        this text
  --version     the version

DOC is a document id, a unique prefix of it (4+ characters), or a SHA-256 prefix.
FPR is a key fingerprint: 64 hexadecimal digits, in groups or with colons if you like.
Exit status: 0 success, 1 an input or check failed, 2 usage error.`;

const PROVENANCE = ['source', 'obtained-from', 'obtained-at', 'collected-by', 'notes'];

/** Options each command accepts besides the global ones. */
export const COMMAND_OPTIONS: Record<string, string[]> = {
  init: [],
  import: ['password', 'lang', 'no-ocr', ...PROVENANCE],
  ocr: ['lang', 'force'],
  'ocr-languages': [],
  documents: [],
  show: ['page'],
  provenance: PROVENANCE,
  search: ['limit'],
  audit: [],
  backup: [],
  restore: ['from', 'latest'],
  reviewer: [],
  organization: [],
  highlight: ['doc', 'page', 'quote', 'rect', 'occurrence', 'note', 'color', 'label'],
  highlights: ['doc'],
  allegation: ['title', 'code', 'description', 'source', 'status', 'tag'],
  allegations: ['status', 'tag'],
  link: ['highlight', 'allegation', 'stance', 'rationale'],
  unlink: ['highlight', 'allegation'],
  matrix: [],
  'response-map': ['doc'],
  export: ['out', 'allegation', 'document'],
  report: ['format', 'out', 'allegation'],
  verify: ['trust'],
  'import-bundle': ['accept-signer', 'trust-signer', 'password'],
  'court-bundle': [
    'out',
    'title',
    'prefix',
    'digits',
    'stamp-position',
    'highlights',
    'notes',
    'index-docx',
    'password',
    'plan',
    'section',
    'doc',
  ],
  key: [],
  trust: ['name'],
  help: [],
};

export const OPTION_SPEC = {
  case: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  // Repeats on import-bundle (each is tried on every encrypted PDF); elsewhere the last one given counts.
  password: { type: 'string', multiple: true },
  source: { type: 'string' },
  'obtained-from': { type: 'string' },
  'obtained-at': { type: 'string' },
  'collected-by': { type: 'string' },
  notes: { type: 'string' },
  page: { type: 'string' },
  limit: { type: 'string' },
  doc: { type: 'string' },
  quote: { type: 'string' },
  rect: { type: 'string' },
  occurrence: { type: 'string' },
  note: { type: 'string' },
  color: { type: 'string' },
  label: { type: 'string' },
  title: { type: 'string' },
  code: { type: 'string' },
  description: { type: 'string' },
  status: { type: 'string' },
  tag: { type: 'string', multiple: true },
  highlight: { type: 'string' },
  // Repeats on export and report; elsewhere the last one given counts.
  allegation: { type: 'string', multiple: true },
  stance: { type: 'string' },
  rationale: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  document: { type: 'string', multiple: true },
  from: { type: 'string' },
  latest: { type: 'boolean' },
  // Repeats on verify: each is one more key to trust for this check.
  trust: { type: 'string', multiple: true },
  'accept-signer': { type: 'string' },
  'trust-signer': { type: 'string' },
  name: { type: 'string' },
  lang: { type: 'string' },
  'no-ocr': { type: 'boolean' },
  force: { type: 'boolean' },
  // court-bundle: --section and --doc repeat, in order (the command reads them as given).
  section: { type: 'string', multiple: true },
  prefix: { type: 'string' },
  digits: { type: 'string' },
  'stamp-position': { type: 'string' },
  highlights: { type: 'boolean' },
  'index-docx': { type: 'string' },
  plan: { type: 'string' },
} as const;

/** The global options that may come before the command word, and whether each takes a value. */
const GLOBAL_BEFORE: Record<string, boolean> = {
  '--case': true,
  '--json': false,
  '--help': false,
  '-h': false,
  '--version': false,
};

/**
 * The option table for this command line: on court-bundle, --notes is a switch (put notes on
 * the highlights) where elsewhere it takes the provenance notes' text.
 */
export function specFor(argv: readonly string[]): typeof OPTION_SPEC {
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    const takes = GLOBAL_BEFORE[word];
    if (takes !== undefined) {
      if (takes) i++;
      continue;
    }
    if (!word.startsWith('-')) command = word;
    break;
  }
  if (command !== 'court-bundle') return OPTION_SPEC;
  return { ...OPTION_SPEC, notes: { type: 'boolean' } } as unknown as typeof OPTION_SPEC;
}
