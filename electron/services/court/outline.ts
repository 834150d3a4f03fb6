/**
 * The bundle's bookmarks: one per section, pointing at its first page, and beneath it one
 * per document pointing at the document's first page. Readers show them as the side panel
 * a judge navigates by.
 */
import { PDFHexString, PDFName, type PDFDict, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineNode {
  title: string;
  page: PDFRef;
  children: OutlineNode[];
}

/** Write `nodes` as the document's /Outlines (sections open, anything deeper closed). */
export function setOutline(doc: PDFDocument, nodes: OutlineNode[]): void {
  if (nodes.length === 0) return;
  const ctx = doc.context;
  const root = ctx.obj({ Type: 'Outlines' });
  const rootRef = ctx.register(root);
  const level = (parentRef: PDFRef, parent: PDFDict, items: OutlineNode[], depth: number): number => {
    const refs = items.map(() => ctx.nextRef());
    let visible = 0;
    items.forEach((node, i) => {
      const dict = ctx.obj({ Parent: parentRef, Dest: [node.page, PDFName.of('Fit')] });
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (node.children.length > 0) {
        // A section opens to show its documents; a document's own bookmarks stay closed (negative count).
        const open = depth === 0;
        const count = level(refs[i]!, dict, node.children, depth + 1);
        dict.set(PDFName.of('Count'), ctx.obj(open ? count : -count));
        if (open) visible += count;
      }
      ctx.assign(refs[i]!, dict);
      visible++;
    });
    parent.set(PDFName.of('First'), refs[0]!);
    parent.set(PDFName.of('Last'), refs.at(-1)!);
    return visible;
  };
  const count = level(rootRef, root, nodes, 0);
  root.set(PDFName.of('Count'), ctx.obj(count));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
