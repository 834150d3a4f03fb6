/**
 * pdf.js always runs with eval, XFA and scripting off (ARCHITECTURE.md, "Untrusted
 * input"). The settings live once, in shared/pdfjs-options.ts; this test reads every
 * source file and checks that each place a document is opened with pdf.js's getDocument
 * spreads them, with nothing beside them turning one back on, and that nothing creates
 * the scripting manager through which alone pdf.js runs a document's scripts.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SAFE_PDF_OPTIONS } from '../../shared/pdfjs-options.ts';

const SOURCE_DIRS = ['electron', 'renderer/src', 'shared', 'scripts', 'bench'];
const GUARDED = ['isEvalSupported', 'enableXfa', 'enableScripting'];

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => path.join(dir, f)),
  );
}

interface CallSite {
  at: string;
  problem: string | null;
}

/** Names imported from pdf.js in a file (getDocument among them when imported by name). */
function pdfjsImports(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of file.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!st.moduleSpecifier.text.startsWith('pdfjs-dist')) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.add(el.name.text);
  }
  return names;
}

const unwrap = (e: ts.Expression): ts.Expression =>
  ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) ? unwrap(e.expression) : e;

/** What is wrong with a getDocument call's argument, or null when it spreads SAFE_PDF_OPTIONS last. */
function checkArgument(arg: ts.Expression | undefined): string | null {
  const obj = arg && unwrap(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return 'its options are not an object literal that can be checked';
  const spreadAt = obj.properties.findIndex(
    (p) => ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression) && p.expression.text === 'SAFE_PDF_OPTIONS',
  );
  if (spreadAt === -1) return 'it does not spread SAFE_PDF_OPTIONS';
  const after = obj.properties.slice(spreadAt + 1);
  if (after.length > 0) return 'something follows SAFE_PDF_OPTIONS and could override it';
  const named = obj.properties.find((p) => p.name && ts.isIdentifier(p.name) && GUARDED.includes(p.name.text));
  if (named) return `it sets ${named.name!.getText()} itself`;
  return null;
}

/** Every pdf.js getDocument call in one file's source, with what is wrong with it. */
function getDocumentCalls(fileName: string, text: string): CallSite[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const fromPdfjs = pdfjsImports(file);
  const sites: CallSite[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // A method call is pdf.js's (lib.getDocument); a bare call only when imported from pdf.js,
      // which tells it from the case's own getDocument(db, id) in documents/documents.ts.
      const isPdfjs =
        (ts.isPropertyAccessExpression(callee) && callee.name.text === 'getDocument') ||
        (ts.isIdentifier(callee) && callee.text === 'getDocument' && fromPdfjs.has('getDocument'));
      if (isPdfjs) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        const imported = /import \{[^}]*\bSAFE_PDF_OPTIONS\b[^}]*\} from '[./]*shared\/pdfjs-options\.ts'/.test(text);
        const problem = checkArgument(node.arguments[0]) ?? (imported ? null : 'SAFE_PDF_OPTIONS is not the shared one');
        sites.push({ at: `${fileName}:${line + 1}`, problem });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}

describe('pdf.js options', () => {
  it('are the ones the architecture requires: no eval, no XFA, no scripting, and cannot be changed', () => {
    expect(SAFE_PDF_OPTIONS).toEqual({ isEvalSupported: false, enableXfa: false, enableScripting: false });
    expect(Object.isFrozen(SAFE_PDF_OPTIONS)).toBe(true);
  });

  it('are spread, last, into every getDocument call in the source', () => {
    const sites = sourceFiles().flatMap((f) => getDocumentCalls(f, fs.readFileSync(f, 'utf8')));
    // The viewer (whose document the thumbnails draw) and extraction, at least.
    expect(sites.map((s) => s.at.split(':')[0])).toEqual(
      expect.arrayContaining([
        path.join('electron', 'services', 'ingest', 'pdf-extract.ts'),
        path.join('renderer', 'src', 'viewer', 'pdfjs.ts'),
      ]),
    );
    expect(sites.filter((s) => s.problem !== null)).toEqual([]);
  });

  it('the check itself catches a call without them, one that overrides them, and one that hides them', () => {
    const head = "import { getDocument } from 'pdfjs-dist';\nimport { SAFE_PDF_OPTIONS } from '../shared/pdfjs-options.ts';\n";
    const problems = (body: string) => getDocumentCalls('bad.ts', head + body).map((s) => s.problem);
    expect(problems('getDocument({ data, enableXfa: false });')).toEqual(['it does not spread SAFE_PDF_OPTIONS']);
    expect(problems('lib.getDocument({ ...SAFE_PDF_OPTIONS, isEvalSupported: true });')).toEqual([
      'something follows SAFE_PDF_OPTIONS and could override it',
    ]);
    expect(problems('lib.getDocument({ enableScripting: true, ...SAFE_PDF_OPTIONS });')).toEqual([
      'it sets enableScripting itself',
    ]);
    expect(problems('const o = { data };\nlib.getDocument(o);')).toEqual([
      'its options are not an object literal that can be checked',
    ]);
    expect(problems('lib.getDocument({ data, ...SAFE_PDF_OPTIONS });')).toEqual([null]);
    // The case's own getDocument(db, id) is not pdf.js's.
    expect(getDocumentCalls('ok.ts', "import { getDocument } from './documents.ts';\ngetDocument(db, id);")).toEqual([]);
  });

  it('leave scripting off in the viewer: no code names a PDF scripting manager', () => {
    const named = (fileName: string) => {
      const file = ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true);
      let found = false;
      // Identifiers only: comments that explain why there is none do not count.
      const visit = (node: ts.Node) => {
        if (ts.isIdentifier(node) && /^(PDFScriptingManager|scriptingManager|setScriptingManager)$/.test(node.text)) found = true;
        ts.forEachChild(node, visit);
      };
      visit(file);
      return found;
    };
    expect(sourceFiles().filter(named)).toEqual([]);
  });
});
