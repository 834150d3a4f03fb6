/**
 * Re-run OCR on a document: the languages to read it in — the six working languages of the
 * United Nations always listed, one whose pack is missing saying so, and a pack the reviewer
 * has on disk added from here — and whether pages read before are read again. The pages are
 * queued and the dialog closes; the bar under the case name shows the work page by page and
 * says how it went. Highlights on the pages follow their words to the new reading (the
 * engine re-anchors them), and any that moved or changed are counted at the end.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { DocumentSummary, OcrDocumentStatus, OcrLanguage } from '../../../shared/ipc/contract.ts';
import { LOW_CONFIDENCE, packLanguageCode } from '../../../shared/ocr.ts';
import { call, messageOf } from '../api.ts';
import { Modal } from '../ui/Modal.tsx';
import { ocrRequested } from './changes.ts';
import './rerun-dialog.css';

/** Tesseract reads with at most this many languages at once (the contract's Languages). */
const MAX_LANGUAGES = 6;

type Note = { kind: 'error' | 'done'; text: string } | null;

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;
const nameOf = (languages: readonly OcrLanguage[], code: string) => {
  const l = languages.find((x) => x.code === code);
  return l && l.label !== code ? l.label : code;
};

/** What the last reading was, in a sentence. */
function lastReading(status: OcrDocumentStatus, languages: readonly OcrLanguage[]): string {
  if (status.done === 0) return 'Its pages have not been read yet.';
  const langs = (status.languages ?? 'eng')
    .split('+')
    .map((c) => nameOf(languages, c))
    .join(' + ');
  const low = status.lowConfidencePages;
  const doubt = low.length === 0 ? '' : `; ${low.length === 1 ? 'page' : 'pages'} ${low.join(', ')} below ${LOW_CONFIDENCE}%`;
  const pages = `${status.done} of ${status.pages} ${status.pages === 1 ? 'page' : 'pages'}`;
  return `Last read in ${langs}: ${pages}, mean confidence ${Math.round(status.confidence ?? 0)}%${doubt}.`;
}

export function RerunOcrDialog({ doc, title, onClose }: { doc: DocumentSummary; title: string; onClose(): void }) {
  const [languages, setLanguages] = useState<OcrLanguage[] | null>(null);
  const [status, setStatus] = useState<OcrDocumentStatus | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);

  useEffect(() => {
    let live = true;
    Promise.all([call('ocr.languages', {}), call('ocr.status', { documentId: doc.documentId })])
      .then(([langs, [s]]) => {
        if (!live) return;
        setLanguages(langs);
        setStatus(s ?? null);
        // The languages it was read in last, as far as their packs are still there; else English.
        const installed = new Set(langs.filter((l) => l.installed).map((l) => l.code));
        const last = (s?.languages ?? '').split('+').filter((c) => installed.has(c));
        setChosen(last.length > 0 ? last : ['eng']);
        setForce((s?.done ?? 0) > 0);
      })
      .catch((err: unknown) => live && setNote({ kind: 'error', text: messageOf(err) }));
    return () => {
      live = false;
    };
  }, [doc.documentId]);

  // The order ticked is the order Tesseract is given: the first is read as the main language.
  const toggle = (code: string) => setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));

  const addPack = async () => {
    setNote(null);
    try {
      const [file] = await call('dialog.openLanguagePack', {});
      if (!file) return; // the reviewer cancelled the file dialog
      setBusy(true);
      const list = await call('ocr.addLanguage', { path: file });
      setLanguages(list);
      const code = packLanguageCode(fileName(file));
      if (code) {
        setChosen((c) => (c.includes(code) || c.length >= MAX_LANGUAGES ? c : [...c, code]));
        setNote({ kind: 'done', text: `Added ${nameOf(list, code)} (${code}) from ${fileName(file)}; it is ticked below.` });
      }
    } catch (err) {
      setNote({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || chosen.length === 0) return;
    setBusy(true);
    setNote(null);
    try {
      const s = await call('ocr.run', { documentId: doc.documentId, languages: chosen.join('+'), force });
      if (s.queued === 0) {
        setNote({
          kind: 'error',
          text: force
            ? `“${title}” has no scanned pages to read.`
            : `Every scanned page of “${title}” has been read: tick “Read pages already read again” to read them in these languages.`,
        });
        return;
      }
      ocrRequested(doc.documentId);
      onClose();
    } catch (err) {
      setNote({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const firstInstalled = languages?.find((l) => l.installed)?.code;
  return (
    <Modal title="Re-run OCR" onClose={onClose} className="rerun-ocr-dialog">
      <form onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <p className="rerun-intro">
          Read the scanned pages of <strong>“{title}”</strong> again, for instance in other languages or after adding a language
          pack. {status && languages ? lastReading(status, languages) : ''}
        </p>
        <fieldset className="rerun-languages" disabled={busy || languages === null}>
          <legend>Languages to read in</legend>
          {languages === null && !note && <p className="muted">Loading the languages…</p>}
          <ul>
            {languages?.map((l) => {
              const ticked = chosen.includes(l.code);
              return (
                <li key={l.code}>
                  <label className={l.installed ? undefined : 'not-installed'}>
                    <input
                      type="checkbox"
                      checked={ticked}
                      disabled={!l.installed || (!ticked && chosen.length >= MAX_LANGUAGES)}
                      onChange={() => toggle(l.code)}
                      data-autofocus={l.code === firstInstalled || undefined}
                    />{' '}
                    <span>
                      {l.label} <span className="lang-code">({l.code})</span>
                      {!l.installed && <span className="lang-missing"> — not installed: add a pack</span>}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <p className="rerun-hint" aria-live="polite">
            {chosen.length === 0
              ? 'Tick at least one language.'
              : `Read in ${chosen.map((c) => nameOf(languages ?? [], c)).join(' + ')}; the first ticked is the main language.`}
          </p>
        </fieldset>
        <div className="rerun-pack">
          <button type="button" onClick={() => void addPack()} disabled={busy}>
            Add language pack…
          </button>
          <span className="rerun-hint">
            A file you have of Tesseract’s language data, such as <code>fra.traineddata</code> from tessdata_best. Nothing is
            downloaded.
          </span>
        </div>
        <label className="rerun-force">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} disabled={busy} />{' '}
          <span>
            Read pages already read again
            <span className="rerun-hint">
              {' '}
              — otherwise only pages never read, or that could not be read, are read. Highlights on them follow their words to the
              new reading.
            </span>
          </span>
        </label>
        {note && (
          <p className={note.kind === 'error' ? 'rerun-error' : 'rerun-done'} role={note.kind === 'error' ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || chosen.length === 0}>
            Re-run OCR
          </button>
        </div>
      </form>
    </Modal>
  );
}
