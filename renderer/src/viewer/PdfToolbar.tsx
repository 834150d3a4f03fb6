/**
 * The PDF viewer's toolbar: sidebar, pages, zoom, rotation, find, the Area tool and, for a
 * scan, the recognised text and reading it again. Dense, keyboard-reachable, labelled.
 */
import { useState } from 'react';
import { shortcutText } from '../shortcuts/keymap.ts';
import { DocumentMore } from './DocumentMore.tsx';
import type { PdfState } from './usePdfViewer.ts';
import { resolvePageInput, ZOOM_PRESETS } from './zoom.ts';

export interface PdfToolbarProps {
  state: PdfState;
  sidebarOpen: boolean;
  onToggleSidebar(): void;
  onGoTo(page: number): void;
  onZoom(change: 'in' | 'out' | { value: string }): void;
  onRotate(): void;
  onFind(): void;
  /** The Area tool is on: a drag on a page draws a rectangle to highlight. */
  areaOn: boolean;
  onToggleArea(): void;
  /** Showing the words OCR read over the page images: for a document with pages read, else null. */
  ocrText: { shown: boolean; onToggle(): void } | null;
  /** Reading the document again: for a document with scanned pages, else null. */
  onRerunOcr: (() => void) | null;
}

export function PdfToolbar(props: PdfToolbarProps) {
  const { state, sidebarOpen, onToggleSidebar, onGoTo, onZoom, onRotate, onFind, ocrText, onRerunOcr } = props;
  const label = state.labels?.[state.page - 1] ?? null;
  const shown = label ?? String(state.page);
  // What the reviewer is typing; null shows the current page.
  const [typed, setTyped] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const ready = state.status === 'ready';
  const percent = `${Math.round(state.scale * 100)}%`;
  const preset = ZOOM_PRESETS.some((p) => p.value === state.scaleValue) ? state.scaleValue : 'custom';

  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Document">
      <button type="button" className="icon" aria-pressed={sidebarOpen} onClick={onToggleSidebar} title="Sidebar">
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">Sidebar</span>
      </button>
      <span className="sep" />
      <button
        type="button"
        className="icon"
        disabled={!ready || state.page <= 1}
        onClick={() => onGoTo(state.page - 1)}
        aria-label="Previous page"
        title="Previous page"
      >
        ‹
      </button>
      <form
        className="page-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = resolvePageInput(typed ?? shown, state.pages, state.labels);
          if (n === null) setBad(true);
          else {
            setBad(false);
            setTyped(null);
            onGoTo(n);
          }
        }}
      >
        <input
          className="page-input"
          aria-label="Page"
          aria-invalid={bad}
          title="Page number or label, then Enter"
          value={typed ?? shown}
          disabled={!ready}
          onChange={(e) => setTyped(e.target.value)}
          onFocus={(e) => e.target.select()}
          onBlur={() => {
            setTyped(null);
            setBad(false);
          }}
        />
      </form>
      <span className="page-count">{label ? `(${state.page} of ${state.pages})` : `of ${state.pages || '–'}`}</span>
      <button
        type="button"
        className="icon"
        disabled={!ready || state.page >= state.pages}
        onClick={() => onGoTo(state.page + 1)}
        aria-label="Next page"
        title="Next page"
      >
        ›
      </button>
      <span className="sep" />
      <button
        type="button"
        className="icon"
        disabled={!ready}
        onClick={() => onZoom('out')}
        aria-label="Zoom out"
        title="Zoom out (Ctrl+−)"
        aria-keyshortcuts="Control+-"
      >
        −
      </button>
      <select aria-label="Zoom" value={preset} disabled={!ready} onChange={(e) => onZoom({ value: e.target.value })}>
        {preset === 'custom' && <option value="custom">{percent}</option>}
        {ZOOM_PRESETS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon"
        disabled={!ready}
        onClick={() => onZoom('in')}
        aria-label="Zoom in"
        title="Zoom in (Ctrl+=)"
        aria-keyshortcuts="Control+="
      >
        +
      </button>
      <output className="zoom-value" aria-label="Zoom level">
        {percent}
      </output>
      <span className="sep" />
      <button
        type="button"
        className="icon"
        disabled={!ready}
        onClick={onRotate}
        aria-label="Rotate clockwise"
        title="Rotate clockwise"
      >
        ↻
      </button>
      <button
        type="button"
        className="icon"
        disabled={!ready}
        onClick={onFind}
        aria-label="Find in document"
        title="Find in document (Ctrl+F)"
        aria-keyshortcuts="Control+F"
      >
        <span aria-hidden="true">⌕</span>
      </button>
      <span className="sep" />
      <button
        type="button"
        className="icon area-toggle"
        disabled={!ready}
        aria-pressed={props.areaOn}
        onClick={props.onToggleArea}
        title="Area: drag a rectangle on a page to highlight it (A)"
        aria-keyshortcuts="A"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="15" height="15">
          <rect x="2" y="3" width="12" height="10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="3 2" />
        </svg>
        <span>Area</span>
      </button>
      {ocrText && (
        <>
          <span className="sep" />
          {/* The visible words begin the accessible name (WCAG 2.5.3); pressed means the words are drawn. */}
          <button
            type="button"
            className="icon ocr-text-toggle"
            aria-pressed={ocrText.shown}
            onClick={ocrText.onToggle}
            aria-label="Show recognised text"
            title={`Show the text OCR read over the image, doubtful words outlined (${shortcutText('toggle-ocr-text')})`}
            aria-keyshortcuts="Control+Shift+L"
          >
            Recognised text
          </button>
        </>
      )}
      {onRerunOcr && <DocumentMore onRerunOcr={onRerunOcr} />}
    </div>
  );
}
