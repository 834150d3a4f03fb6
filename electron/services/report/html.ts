/**
 * The report as one self-contained HTML file: no scripts, no external fonts or images,
 * so it opens offline years later and prints cleanly. A Content-Security-Policy forbids
 * everything but the inline style and the pictures of area highlights, which are held
 * inside as data: URIs, as a second guard behind escaping every piece of text.
 */
import type { ReportModel } from './model.ts';
import {
  EXPORTED_BY,
  STANCE_LABEL,
  cellCounts,
  citation,
  formatCounts,
  groupByStance,
  matrixGrid,
  passageCredits,
  provenanceRows,
  titleOf,
  unlinkedPassages,
  type ReportAllegation,
  type ShownPassage,
  machineReadNote,
  areaCaption,
  passagePictures,
  shownQuote,
} from './group.ts';
import type { AreaPicture, AreaPictures } from './area-pictures.ts';

/** Escape text for element content and double-quoted attributes alike. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// Print rules: each allegation starts a page, a quote never splits across pages, the wide matrix fits the width.
const STYLE = `
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid #999; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1rem; text-transform: uppercase; letter-spacing: .04em; color: #333; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
figure.passage { margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0; padding: .3rem .8rem; border-left: 4px solid #555; background: #f4f4f4; white-space: pre-wrap; }
figcaption { font-size: .9rem; margin-top: .25rem; color: #333; }
.with-area { display: flex; gap: .8rem; align-items: flex-start; }
.with-area img { max-width: 55%; height: auto; border: 1px solid #999; }
.with-area blockquote { flex: 1; }
.rationale, .note { white-space: pre-wrap; }
code { font-family: Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid #999; padding: .25rem .4rem; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
.empty { color: #666; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section.allegation, section.unlinked { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote { background: none; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  @page { margin: 18mm 16mm; }
}`;

function metaList(rows: [string, string][]): string {
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

/** An area's picture at its size on paper (CSS pixels are 1/96 inch), named for a reader who cannot see it. */
function areaImage(model: ReportModel, p: ShownPassage, a: AreaPicture): string {
  const base64 = Buffer.from(a.png!.buffer, a.png!.byteOffset, a.png!.byteLength).toString('base64');
  const [w, h] = [a.widthPt, a.heightPt].map((pt) => Math.max(1, Math.round((pt * 96) / 72)));
  const alt = `${areaCaption(model, p, a)} of ${titleOf(model, p.documentId)}`;
  return `<img src="data:image/png;base64,${base64}" width="${w}" height="${h}" alt="${esc(alt)}">`;
}

/**
 * One quoted passage with its citation, the rationale and note when there are any, and who
 * highlighted and linked it. An area's picture stands beside its words; an area that could
 * not be drawn is said so under the citation.
 */
function passageFigure(model: ReportModel, p: ShownPassage, pictures?: AreaPictures): string {
  const areas = passagePictures(pictures, p);
  const drawn = areas.filter((a) => a.png);
  const quote = `<blockquote>${esc(shownQuote(p, areas))}</blockquote>`;
  return (
    `<figure class="passage">${drawn.length ? `<div class="with-area">${drawn.map((a) => areaImage(model, p, a)).join('')}${quote}</div>` : quote}` +
    `<figcaption>— ${esc(citation(model, p))}` +
    areas
      .filter((a) => a.missing)
      .map((a) => `<br><span class="area-missing">${esc(`${areaCaption(model, p, a)}: ${a.missing}`)}</span>`)
      .join('') +
    (p.rationale ? `<br><span class="rationale">Rationale: ${esc(p.rationale)}</span>` : '') +
    (p.note ? `<br><span class="note">Note: ${esc(p.note)}</span>` : '') +
    (machineReadNote(model, p) ? `<br><span class="machine-read">${esc(machineReadNote(model, p)!)}</span>` : '') +
    passageCredits(p)
      .map(([label, name]) => `<br>${esc(label)}: ${esc(name)}`)
      .join('') +
    '</figcaption></figure>'
  );
}

function allegationSection(model: ReportModel, a: ReportAllegation, pictures?: AreaPictures): string {
  const meta: [string, string][] = [
    ['Source', a.source ?? '—'],
    ['Status', a.status],
  ];
  if (a.description) meta.push(['Description', a.description]);
  const groups = groupByStance(a.passages);
  const body = groups.length
    ? groups
        .map(
          (g) =>
            `<h3>${STANCE_LABEL[g.stance]} (${g.passages.length})</h3>\n` +
            g.passages.map((p) => passageFigure(model, p, pictures)).join('\n'),
        )
        .join('\n')
    : '<p class="empty">No linked passages.</p>';
  return `<section class="allegation"><h2>${esc(a.code)} — ${esc(a.title)}</h2>\n${metaList(meta)}\n${body}\n</section>`;
}

/** Highlights linked to no allegation, with their notes; absent when every highlight is linked. */
function unlinkedSection(model: ReportModel, pictures?: AreaPictures): string {
  const list = unlinkedPassages(model);
  if (list.length === 0) return '';
  return `<section class="unlinked"><h2>Highlights not linked to an allegation</h2>\n${list.map((p) => passageFigure(model, p, pictures)).join('\n')}\n</section>\n`;
}

function documentIndex(model: ReportModel): string {
  const docs = model.documents
    .map((d) => `<h3>${esc(titleOf(model, d.documentId))}</h3>\n${metaList(provenanceRows(d))}`)
    .join('\n');
  return `<section class="documents"><h2>Documents</h2>\n${docs || '<p class="empty">No documents.</p>'}\n</section>`;
}

function matrixTable(model: ReportModel): string {
  const { rows, columns } = matrixGrid(model);
  if (rows.length === 0 || columns.length === 0)
    return '<section class="matrix"><h2>Evidence matrix</h2><p class="empty">Nothing to tabulate.</p></section>';
  const head = `<thead><tr><th>Allegation</th>${columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (a) =>
        `<tr><th>${esc(a.code)} ${esc(a.title)}</th>` +
        columns.map((c) => `<td>${esc(formatCounts(cellCounts(model, a.allegationId, c.documentId)))}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<section class="matrix"><h2>Evidence matrix</h2>\n<table>${head}<tbody>\n${body}\n</tbody></table>\n</section>`;
}

/** The whole report as an HTML document string, with the pictures of area highlights when given. */
export function reportHtml(model: ReportModel, pictures?: AreaPictures): string {
  const title = `${model.caseName} — evidence report`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}
</style>
</head>
<body>
<header><h1>${esc(title)}</h1>
${metaList([
  [EXPORTED_BY, model.reviewer],
  ['Generated', model.generatedAt],
])}</header>
${model.allegations.map((a) => allegationSection(model, a, pictures)).join('\n')}
${unlinkedSection(model, pictures)}${documentIndex(model)}
${matrixTable(model)}
</body>
</html>
`;
}
