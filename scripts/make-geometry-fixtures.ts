/**
 * Makes tests/fixtures/geometry/*.pdf: the same letter (letter.txt) typeset by four
 * producers whose PDFs place glyphs in different ways — LibreOffice (justified, kerned),
 * Chromium/Skia (print to PDF), groff (gropdf) and a scan recognised by Tesseract
 * (an image with an invisible text layer). The glyph-geometry tests compare Exhibit's
 * highlight boxes on these with poppler's and MuPDF's. The PDFs are committed; run this
 * again only to change them (it needs soffice, chromium, groff, pdftoppm and tesseract):
 *
 *   node scripts/make-geometry-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = path.resolve('tests', 'fixtures', 'geometry');
const letter = fs.readFileSync(path.join(dir, 'letter.txt'), 'utf8').trim();
const paragraphs = letter.split(/\n\s*\n/).map((p) => p.replace(/\n/g, ' '));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exhibit-geometry-'));
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}) =>
  execFileSync(cmd, args, { cwd: opts.cwd ?? tmp, input: opts.input, stdio: ['pipe', 'pipe', 'inherit'] });

function libreoffice(): void {
  const body = paragraphs.map((p) => `<text:p text:style-name="Body">${escapeXml(p)}</text:p>`).join('\n');
  const fodt = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.25cm"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="11.5pt"/>
  </style:style>
 </office:styles>
 <office:body><office:text>
${body}
 </office:text></office:body>
</office:document>`;
  fs.writeFileSync(path.join(tmp, 'libreoffice.fodt'), fodt);
  run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, path.join(tmp, 'libreoffice.fodt')]);
  fs.copyFileSync(path.join(tmp, 'libreoffice.pdf'), path.join(dir, 'libreoffice.pdf'));
}

function chromium(): void {
  const html = `<!doctype html><meta charset="utf-8"><style>
    @page { size: A4; margin: 2cm }
    body { font: 11pt/1.45 'DejaVu Serif', serif; text-align: justify; font-kerning: normal; }
  </style>${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}`;
  fs.writeFileSync(path.join(tmp, 'chromium.html'), html);
  run('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    `--user-data-dir=${path.join(tmp, 'profile')}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${path.join(dir, 'chromium.pdf')}`,
    `file://${path.join(tmp, 'chromium.html')}`,
  ]);
}

function groff(): void {
  // -ms paragraphs; groff justifies and hyphenates by default. -k reads UTF-8 input.
  const ms = paragraphs.map((p) => `.LP\n${p.replace(/^\./gm, '\\&.')}`).join('\n');
  fs.writeFileSync(path.join(dir, 'groff.pdf'), run('groff', ['-k', '-ms', '-Tpdf'], { input: ms }));
}

function ocr(): void {
  // A scan of the LibreOffice letter at 200 dpi, recognised by Tesseract into a PDF with an invisible text layer.
  run('pdftoppm', ['-r', '200', '-gray', '-jpeg', '-f', '1', '-l', '1', path.join(dir, 'libreoffice.pdf'), 'scan']);
  const scan = fs.readdirSync(tmp).find((f) => /^scan.*\.jpg$/.test(f))!;
  run('tesseract', [scan, 'ocr', '-l', 'eng', 'pdf']);
  fs.copyFileSync(path.join(tmp, 'ocr.pdf'), path.join(dir, 'ocr.pdf'));
}

libreoffice();
chromium();
groff();
ocr();
fs.rmSync(tmp, { recursive: true, force: true });
for (const f of ['libreoffice', 'chromium', 'groff', 'ocr']) {
  const info = execFileSync('pdfinfo', [path.join(dir, `${f}.pdf`)]).toString();
  console.log(`${f}.pdf: ${fs.statSync(path.join(dir, `${f}.pdf`)).size} bytes, ${/Producer:\s*(.*)/.exec(info)?.[1] ?? '?'}`);
}
