/**
 * Copying one source document's pages into the bundle, as they are (content streams, fonts
 * and images untouched), without dragging in what the pages merely point at. pdf-lib's
 * copyPages copies everything a page references; an annotation's /P, a link's destination,
 * a form field's other widgets or an article bead all reference other pages, and each
 * would arrive as an orphan duplicate page. So before copying: /P and beads go, and every
 * internal destination is rewritten to the target page's index; after copying, the index
 * becomes the bundle's copy of that page. Destinations that cannot be resolved are dropped.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** The name tree / dictionary of named destinations, searched by name. */
function namedDest(src: PDFDocument, name: string): PDFObject | undefined {
  const ctx = src.context;
  const old = ctx.lookup(src.catalog.get(PDFName.of('Dests')));
  if (old instanceof PDFDict) {
    const hit = old.get(PDFName.of(name));
    if (hit) return hit;
  }
  const names = ctx.lookup(src.catalog.get(PDFName.of('Names')));
  const root = names instanceof PDFDict ? ctx.lookup(names.get(PDFName.of('Dests'))) : undefined;
  // Walk the name tree (depth-bounded: a hostile file may loop).
  const walk = (node: unknown, depth: number): PDFObject | undefined => {
    if (!(node instanceof PDFDict) || depth > 32) return undefined;
    const leaf = ctx.lookup(node.get(PDFName.of('Names')));
    if (leaf instanceof PDFArray)
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = ctx.lookup(leaf.get(i));
        if ((key instanceof PDFString || key instanceof PDFHexString) && key.decodeText() === name) return leaf.get(i + 1);
      }
    const kids = ctx.lookup(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray)
      for (let i = 0; i < kids.size(); i++) {
        const hit = walk(ctx.lookup(kids.get(i)), depth + 1);
        if (hit) return hit;
      }
    return undefined;
  };
  return walk(root, 0);
}

/** A destination as an explicit array (a name resolved), or undefined. */
function explicitDest(src: PDFDocument, dest: PDFObject | undefined): PDFArray | undefined {
  let d = dest ? src.context.lookup(dest) : undefined;
  if (d instanceof PDFName) d = namedDest(src, d.decodeText());
  else if (d instanceof PDFString || d instanceof PDFHexString) d = namedDest(src, d.decodeText());
  d = d ? src.context.lookup(d) : undefined;
  // A named destination may be a dictionary holding it under /D.
  if (d instanceof PDFDict) d = src.context.lookup(d.get(PDFName.of('D')));
  return d instanceof PDFArray ? d : undefined;
}

/**
 * Prepare `src` for copying: drop or clean its annotations, and turn internal destinations
 * into page indexes. Returns nothing; `src` is a throwaway copy loaded for this bundle.
 */
export function prepareSource(src: PDFDocument, keepAnnotations: boolean): void {
  const pages = src.getPages();
  const indexOf = new Map<string, number>(pages.map((p, i) => [p.ref.toString(), i]));
  const retarget = (dest: PDFObject | undefined): PDFArray | null => {
    const arr = explicitDest(src, dest);
    const target = arr?.get(0);
    const index = target instanceof PDFRef ? indexOf.get(target.toString()) : undefined;
    if (!arr || index === undefined) return null;
    // A fresh array: the original may be shared by several links (or by the outline).
    const copy = src.context.obj([PDFNumber.of(index), ...arr.asArray().slice(1)]);
    return copy;
  };
  for (const page of pages) {
    page.node.delete(PDFName.of('B'));
    const annots = page.node.Annots();
    if (!keepAnnotations || !annots) {
      page.node.delete(PDFName.of('Annots'));
      continue;
    }
    for (let i = 0; i < annots.size(); i++) {
      const annot = src.context.lookup(annots.get(i));
      if (!(annot instanceof PDFDict)) continue;
      annot.delete(PDFName.of('P'));
      annot.delete(PDFName.of('StructParent'));
      if (annot.has(PDFName.of('Dest'))) {
        const d = retarget(annot.get(PDFName.of('Dest')));
        if (d) annot.set(PDFName.of('Dest'), d);
        else annot.delete(PDFName.of('Dest'));
      }
      const action = src.context.lookup(annot.get(PDFName.of('A')));
      if (action instanceof PDFDict) {
        action.delete(PDFName.of('Next'));
        const kind = action.get(PDFName.of('S'));
        if (kind instanceof PDFName && kind.decodeText() === 'GoTo') {
          const d = retarget(action.get(PDFName.of('D')));
          if (d) annot.set(PDFName.of('A'), src.context.obj({ S: 'GoTo', D: d }));
          else annot.delete(PDFName.of('A'));
        }
      }
    }
  }
}

/** After copying: internal destinations (page indexes left by prepareSource) point at the bundle's pages. */
export function relinkCopied(out: PDFDocument, copied: PDFPage[]): void {
  const fix = (dest: PDFObject | undefined): boolean => {
    const arr = dest ? out.context.lookup(dest) : undefined;
    if (!(arr instanceof PDFArray)) return false;
    const first = arr.get(0);
    if (!(first instanceof PDFNumber)) return false;
    const page = copied[first.asNumber()];
    if (!page) return false;
    arr.set(0, page.ref);
    return true;
  };
  for (const page of copied) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = out.context.lookup(annots.get(i));
      if (!(annot instanceof PDFDict)) continue;
      if (annot.has(PDFName.of('Dest')) && !fix(annot.get(PDFName.of('Dest')))) annot.delete(PDFName.of('Dest'));
      const action = out.context.lookup(annot.get(PDFName.of('A')));
      if (action instanceof PDFDict) {
        const kind = action.get(PDFName.of('S'));
        if (kind instanceof PDFName && kind.decodeText() === 'GoTo' && !fix(action.get(PDFName.of('D'))))
          annot.delete(PDFName.of('A'));
      }
    }
  }
}
