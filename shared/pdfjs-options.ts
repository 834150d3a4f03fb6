/**
 * The pdf.js settings every document is opened with, in the window (the viewer, whose
 * document the thumbnails draw from too) and in the engine's extraction workers. A PDF is
 * hostile until parsed (ARCHITECTURE.md, "Untrusted input"): no eval, no XFA forms, no
 * scripts. pdf.js 6 has no eval path left and so no longer declares `isEvalSupported`, and
 * it runs a document's scripts only through a PDFScriptingManager, which Exhibit never
 * creates; both settings are passed anyway, so a later pdf.js that brings either back
 * starts with it off. Spread these last, so nothing written beside them can override them.
 */
export const SAFE_PDF_OPTIONS = Object.freeze({
  isEvalSupported: false,
  enableXfa: false,
  enableScripting: false,
} as const);
