/**
 * README.txt at the bag's root: what the bundle holds and how anyone (a clerk, opposing
 * counsel) checks it with stock tools: sha256sum, OpenSSL, Python. It is a tag file, so the
 * signed tag manifest covers it and a changed guide (a forged fingerprint, say) is caught.
 *
 * Each runnable block sits between a "----- commands: NAME -----" line and "----- end -----",
 * at the start of the line (a block pasted as it stands runs: its here-documents end where
 * they should), and is found by a test that runs every block as written.
 */
import type { BagInfo } from './bag-info.ts';
import { ANNOTATION_CONTEXT, CONTEXT_COPY_PATH } from './context-copy.ts';

const block = (name: string, lines: string): string =>
  [`----- commands: ${name} -----`, lines.trim(), '----- end -----'].join('\n');

const CHECK_FILES = block(
  'check-files',
  `
sha256sum -c manifest-sha256.txt
sha256sum -c tagmanifest-sha256.txt
`,
);

const CHECK_SIGNATURE = block(
  'check-signature',
  `
sig="$(mktemp)"
openssl base64 -d -A -in tagmanifest-sha256.txt.sig -out "$sig"
openssl pkeyutl -verify -pubin -inkey exhibit-public-key.pem -rawin \\
    -in tagmanifest-sha256.txt -sigfile "$sig"
`,
);

const FINGERPRINT = block(
  'key-fingerprint',
  `
openssl pkey -pubin -in exhibit-public-key.pem -outform DER | openssl dgst -sha256 -r
`,
);

// Stdlib only; the same rule as electron/services/audit/audit.ts and verify.ts.
const CHECK_AUDIT = block(
  'check-audit-chain',
  `
python3 - <<'PY'
import hashlib, json, sys
head = json.load(open("data/audit/head.json", encoding="utf-8"))
listed = set(head.get("redactedSeqs") or []) if head.get("scoped") else set()
prev, count, redacted = "0" * 64, 0, set()
for line in open("data/audit/audit.jsonl", encoding="utf-8"):
    if not line.strip():
        continue
    row = json.loads(line)
    count += 1
    if row["seq"] != count or row["prev_hash"] != prev:
        sys.exit(f"audit chain broken at row {count}: a row is missing or out of place")
    if row.get("redacted") is True:
        if row["seq"] not in listed:
            sys.exit(f"row {row['seq']} is redacted but head.json does not list it")
        redacted.add(row["seq"])
    else:
        fields = [row[k] for k in ("seq", "at", "actor", "action", "entity", "entity_id", "payload")]
        body = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        if hashlib.sha256((prev + "\\n" + body).encode("utf-8")).hexdigest() != row["hash"]:
            sys.exit(f"row {row['seq']} was changed after it was written")
    prev = row["hash"]
if count != head["rows"] or prev != (head["headHash"] or "0" * 64) or redacted != listed:
    sys.exit("head.json does not match the log: rows removed from the end, or redactions not listed")
print(f"audit chain ok: {count} rows, {len(redacted)} of them redacted")
PY
`,
);

// The document loaders answer the W3C context's address, and only it, with the bag's copy.
const EXPAND_PYLD = block(
  'expand-with-pyld',
  `
python3 - <<'PY'
import json, pathlib
from pyld import jsonld
copy = json.load(open("${CONTEXT_COPY_PATH}", encoding="utf-8"))
def loader(url, options=None):
    if url != "${ANNOTATION_CONTEXT}":
        raise ValueError(f"not loading {url}: offline, only the W3C context is served")
    return {"contextUrl": None, "documentUrl": url, "document": copy}
doc = json.load(open("data/annotations.jsonld", encoding="utf-8"))
base = pathlib.Path("data/annotations.jsonld").resolve().as_uri()
expanded = jsonld.expand(doc, {"documentLoader": loader, "base": base})
print(json.dumps(expanded, indent=2, ensure_ascii=False))
PY
`,
);

const EXPAND_JSONLD_JS = block(
  'expand-with-jsonld-js',
  `
node - <<'JS'
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const jsonld = require("jsonld");
const copy = JSON.parse(fs.readFileSync("${CONTEXT_COPY_PATH}", "utf8"));
const documentLoader = async (url) => {
  if (url !== "${ANNOTATION_CONTEXT}")
    throw new Error(\`not loading \${url}: offline, only the W3C context is served\`);
  return { contextUrl: null, documentUrl: url, document: copy };
};
const doc = JSON.parse(fs.readFileSync("data/annotations.jsonld", "utf8"));
const base = pathToFileURL("data/annotations.jsonld").href;
jsonld
  .expand(doc, { documentLoader, base, safe: true })
  .then((expanded) => console.log(JSON.stringify(expanded, null, 2)));
JS
`,
);

// Stdlib only: the quotes of annotations.jsonld, found in the carried pages of their PDFs.
const CHECK_QUOTES = block(
  'check-quotes',
  `
python3 - <<'PY'
import glob, json, sys
pages = {}
for name in sorted(glob.glob("data/pages/*.pages.json")):
    carried = json.load(open(name, encoding="utf-8"))
    pages["urn:sha256:" + carried["sha256"]] = (name, carried["pages"])
doc = json.load(open("data/annotations.jsonld", encoding="utf-8"))
checked = 0
for item in doc["first"]["items"]:
    if item["motivation"] != "highlighting":
        continue
    for target in item["target"]:
        if target["source"]["id"] not in pages:
            continue
        name, carried = pages[target["source"]["id"]]
        value = target["selector"]["value"]
        page = int(value.split("&")[0].split("=")[1])
        refined = {s["type"]: s for s in target["selector"]["refinedBy"]}
        exact = refined["TextQuoteSelector"]["exact"]
        at = refined["TextPositionSelector"]
        text = carried[page - 1]["text"][at["start"]:at["end"]]
        if "viewrect=" in value:
            # An area: its words in order, the first and last where the position says.
            words, span = exact.split(), text.split()
            rest = iter(span)
            fits = words[:1] == span[:1] and words[-1:] == span[-1:] and all(w in rest for w in words)
        else:
            fits = text == exact
        if not fits:
            sys.exit(f"{name}: page {page} does not read {exact!r} where {item['id']} quotes it")
        checked += 1
print(f"quotes ok: {checked} found in the pages of {len(pages)} PDF(s)")
PY
`,
);

/** The text of README.txt for a bag described by `info`. */
export function bundleGuide(info: BagInfo): string {
  const sender = info.organization ? `${info.reviewer}, ${info.organization}` : info.reviewer;
  return `EVIDENCE BUNDLE: HOW TO READ IT AND HOW TO CHECK IT
===================================================

Case:         ${info.caseName}
Contents:     ${info.description}
Prepared by:  ${sender}, on ${info.baggingDate.slice(0, 10)}, with Exhibit ${info.version}
Signing key:  SHA-256 fingerprint
              ${info.fingerprint}

This bundle is a BagIt bag (RFC 8493) in a ZIP file. Unzip it into an empty folder and
leave every file as it is: the checks below compare exact bytes. Run each block of
commands in a terminal (sh or bash, on Linux or macOS; on Windows, in WSL or Git Bash)
from the folder that holds this README.txt. Each block stands between a line
"----- commands: (its name) -----" and a line "----- end -----"; type or paste the lines
between them.


1. WHAT EACH FILE AND FOLDER HOLDS

  data/originals/       The documents under review, byte for byte as they were received.
                        Each name begins with the first 12 characters of the file's SHA-256.
  data/pages/           For each PDF, its pages as Exhibit read them: the text of each page
                        and where each character is drawn, so another Exhibit can import
                        the bundle without opening the PDF (or knowing its password); named
                        after the original, with ".pages.json" added; see section 6.
  data/annotated/       Copies of the PDFs with every highlight drawn as a PDF annotation,
                        for reading in any PDF viewer (present when PDFs were highlighted;
                        the originals, not these copies, are the evidence).
  data/report/          The report: report.html, report.docx, report.md and links.csv;
                        in areas/, a picture (PNG) of each highlighted area of a page,
                        which report.md links (report.html and report.docx hold them).
  data/case.json        The review in machine-readable form: documents (with provenance),
                        allegations, highlights, links, court bundle plans (cover,
                        sections and options), and deletions.
  data/annotations.jsonld
                        The highlights and their links to allegations as W3C Web
                        Annotations (JSON-LD); see section 5.
  data/context/anno.jsonld
                        A JSON-LD context for reading annotations.jsonld offline; see
                        section 5.
  data/audit/           audit.jsonl, every recorded change to the case, one per line, each
                        chained to the one before by its hash; head.json, the number of rows,
                        the last hash and which rows are redacted; see section 4.
  bagit.txt             Says this is a BagIt bag, version 1.0, in UTF-8.
  bag-info.txt          Who prepared the bag, what it holds, its size, and the key fingerprint.
  manifest-sha256.txt   The SHA-256 of every file under data/.
  tagmanifest-sha256.txt
                        The SHA-256 of bagit.txt, bag-info.txt, manifest-sha256.txt,
                        exhibit-public-key.pem and this README.txt.
  tagmanifest-sha256.txt.sig
                        The signature over tagmanifest-sha256.txt.
  exhibit-public-key.pem
                        The public key that checks the signature.

So the signature covers the tag manifest, the tag manifest covers the manifest (and this
guide), and the manifest covers every file under data/. Change one byte anywhere and one of
the checks below fails.


2. CHECK EVERY FILE

Both commands must print "OK" for every line and end without a "FAILED" or "WARNING" line.
(On macOS without sha256sum, use "shasum -a 256 -c" instead of "sha256sum -c".)

${CHECK_FILES}

A file listed as FAILED was changed after the bundle was made. A file in data/ that no
manifest lists was added afterwards: compare "find data -type f" with manifest-sha256.txt.


3. CHECK THE SIGNATURE, AND WHOSE KEY MADE IT

What is signed: the exact bytes of tagmanifest-sha256.txt, with Ed25519 (RFC 8032, the
message itself, not a hash of it). tagmanifest-sha256.txt.sig holds the 64-byte signature
in base64 on one line, then a line break. exhibit-public-key.pem holds the public key as a
PEM "PUBLIC KEY" (a SubjectPublicKeyInfo). With OpenSSL 3.0 or newer:

${CHECK_SIGNATURE}

It prints "Signature Verified Successfully"; anything else means the tag manifest or the
signature was changed.

A valid signature shows only that whoever holds the private key of exhibit-public-key.pem
signed this bag. Anyone could re-sign a changed bag with a key of their own, so check whose
key it is. Its fingerprint is the SHA-256 of the key's DER-encoded SubjectPublicKeyInfo, in
lowercase hexadecimal:

${FINGERPRINT}

The first word printed must be
    ${info.fingerprint}
(the fingerprint at the top of this guide and in bag-info.txt), and it must also be the
fingerprint the sender gave you by another channel: in person, by phone, on letterhead.
If they differ, do not rely on this bundle.


4. CHECK THE AUDIT LOG

Each line of data/audit/audit.jsonl is one change, with seq (1, 2, 3, ...), at (UTC time),
actor, action, entity, entity_id, payload (a JSON text, kept as a string), prev_hash and hash.
A row's hash is

    hash = SHA-256( prev_hash + "\\n" + JSON([seq, at, actor, action, entity, entity_id, payload]) )

written as 64 lowercase hexadecimal characters, where
  - prev_hash is the previous row's hash, and 64 zeros ("000...0") for row 1;
  - "\\n" is one line feed character;
  - JSON(...) is that array written compactly: no spaces, strings in double quotes with
    only " and \\ and control characters escaped (\\b \\f \\n \\r \\t, others as \\u00xx), other
    characters as themselves; entity_id may be null; the whole is encoded in UTF-8.
So changing, removing or reordering any row breaks every hash from there on.

A bundle scoped to some allegations or documents redacts the rows about anything else: a
redacted row keeps only seq, at, prev_hash and hash, and says "redacted": true. Its hash
cannot be recomputed, so it is checked by its links: its prev_hash must be the previous
row's hash, and the next row's prev_hash must be its hash. data/audit/head.json lists the
redacted rows (redactedSeqs) and is itself covered by the signed manifests, so a row cannot
be redacted after the bundle was made. This Python 3 script (standard library only)
recomputes the whole chain and checks head.json:

${CHECK_AUDIT}


5. THE ANNOTATIONS (data/annotations.jsonld)

The file is W3C Web Annotation Data Model JSON-LD: an AnnotationCollection whose "first"
AnnotationPage holds the annotations in "items". A highlight is an Annotation with the
motivation "highlighting"; its note, if any, is a TextualBody with the purpose
"commenting". A passage that crosses a page break has one target per page. A link from a
highlight to an allegation is an Annotation with the motivation "linking": its target is
the highlight, its bodies are the stance (a TextualBody with the purpose "classifying"),
the allegation (a schema:Claim with its code and title) and the rationale, if any.

Each target's source is identified by its SHA-256 (urn:sha256:...) and carries its media
type, its title, and "url", the path of the original in this bag relative to the JSON-LD
file (originals/...). Its selector picks the page first, then the passage within it:
  - in a PDF, a FragmentSelector "page=N" (RFC 3778; the first page is 1);
  - in a plain-text letter, a FragmentSelector "char=A,B" (RFC 5147): the page's range in
    the whole file, counted in Unicode characters after any byte-order mark, where a form
    feed ends each page and counts as one character;
refined by two selectors that pick the same passage within that page: a TextQuoteSelector
(the exact text, with some text before and after it) and a TextPositionSelector (start
and end in Unicode characters, counted from the start of the page's text).

A highlight may also be an area of a page: a rectangle the reviewer drew, on a scanned
page or any other, for a figure, a stamp, a signature or a table. Its FragmentSelector
reads "page=N&viewrect=LEFT,TOP,WIDTH,HEIGHT" (RFC 3778's PDF open parameters): the
rectangle in points (1/72 inch) from the top-left corner of the page as it is shown, that
is with the page's rotation applied. (In an image file, a page is the image as shown,
at its own resolution.) The rectangle is what the highlight marks; its two refining
selectors give the words Exhibit found inside it: the TextQuoteSelector's exact text is
those words in the page's reading order ("" when there are none), and the
TextPositionSelector spans them, from the first word's start to the last word's end.
Where words outside the rectangle lie between two inside it (the rest of a line, in
another column), the exact text leaves them out, and a line break, or a space, stands in
their place. The annotated PDF marks the same rectangle, and the reports show a picture
of it.

Read as plain JSON, the file needs nothing else. As JSON-LD, its "@context" names the
W3C's context, http://www.w3.org/ns/anno.jsonld, as the model requires, plus a few terms
of its own (title, url, identifier, Claim). A JSON-LD processor would fetch that address;
to work offline, have its document loader answer it with data/context/anno.jsonld.

That file is not a copy of the W3C's context. Exhibit wrote it for the terms its
annotations.jsonld uses (and the model's full list of motivations), each mapped to the
IRI and value type that the W3C Web Annotation Vocabulary gives it, so for those terms it
gives the same expansion as the W3C's file; other W3C terms are left out. Section 2
checks it like every other file. The examples below print the expanded annotations as
JSON, where each "url" becomes the file: URL of an original in this folder.

With Python and PyLD (pip install pyld, or Debian's python3-pyld):

${EXPAND_PYLD}

With Node.js and jsonld.js (npm install jsonld in the folder above this one, or set
NODE_PATH to a node_modules folder that holds it); safe mode fails rather than drop a
term it does not know:

${EXPAND_JSONLD_JS}


6. THE PAGES OF EACH PDF (data/pages/)

Highlights point into the text of a page: a TextPositionSelector counts characters of
the text Exhibit read from that page when the PDF was imported. So that a colleague's
Exhibit stores the very same text, and draws every highlight on the same characters,
without opening the PDF (an encrypted PDF would need its password), the bundle carries
that text for each PDF, in data/pages/, under the original's name with ".pages.json"
added. Nothing in it is needed to check the bundle or to read the originals; it is
covered by the manifest like every other file. Each highlight's quote in case.json and
annotations.jsonld can be found in it: TextQuoteSelector's exact text starts at
TextPositionSelector's start in that page's "text" (for an area, its words are those
of the text between start and end, in order, perhaps with some left out; section 5).

Each file is one JSON object (UTF-8), written with one page per line:

  schema      "exhibit-pages/1", the version of this layout.
  sha256      the SHA-256 of the original these pages were read from.
  pageCount   the number of pages.
  extractor   what read them (the pdf.js version).
  geometry    the version of the glyph measurement (null: read before Exhibit measured
              glyphs; 0: could not be measured since).
  metadata    the PDF's document information (title, author, dates, ...), or null.
  pages       one object per page, first page first:
    label     the page's printed label ("iv", "A-3"), or null.
    width, height, rotation
              the page's size in points (1/72 inch) and its rotation in degrees.
    text      the page's text, in reading order, a line feed where a line ends.
    view      the page's box [x0, y0, x1, y1] in PDF user space.
    items     one row per run of text: [start, length, a, b, c, d, e, f, width, height,
              ascent, descent]. start and length pick the run's characters out of
              "text"; a..f is its text matrix (e, f: where its baseline starts, in
              user space); width its advance along the baseline; height the font
              size; ascent and descent the font's extent above and below the baseline,
              as fractions of the font size (older rows stop after an ascent share).
    glyphs    null, or one entry per row of items: where each of its characters is
              drawn along the baseline, in hundredths of a point from the row's
              origin. Two whole numbers per character, the gap since the previous
              character ended (for the first, since the origin) and the character's
              advance; or three, when some are lifted off the baseline (the third is
              the lift). An entry is null, and the run's characters share its width
              evenly, where Exhibit could not tell its glyphs apart.

This Python 3 script (standard library only) finds every highlight's quote of
annotations.jsonld in the pages carried for its PDF, where its TextPositionSelector says
(both count Unicode characters, as Python does):

${CHECK_QUOTES}
`;
}
