/**
 * Paths of files and folders dropped on the window. A page never learns where a dropped
 * File lives on disk; Electron's preload exposes `webUtils.getPathForFile` for exactly
 * this as `window.exhibitFiles.pathOf` (the one preload function not generated from the
 * contract), and the end-to-end host installs a stand-in.
 */

declare global {
  interface Window {
    exhibitFiles?: { pathOf(file: File): string };
  }
}

/** The on-disk paths of the dropped items; items with none (dragged out of a web page) are counted. */
export function pathsOfDropped(files: FileList): { paths: string[]; withoutPath: number } {
  const pathOf = window.exhibitFiles?.pathOf;
  const paths: string[] = [];
  let withoutPath = 0;
  for (const file of Array.from(files)) {
    const p = pathOf ? pathOf(file) : '';
    if (p) paths.push(p);
    else withoutPath++;
  }
  return { paths, withoutPath };
}

/** True when a drag carries files (not text or a link), so the window should offer to import. */
export const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;
