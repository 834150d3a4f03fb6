/**
 * The reviewer's per-user settings: their name and organization, the document to reopen, the theme. Loaded once;
 * every change goes to the engine, which answers with the settings as saved.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, Settings, ThemeChoice } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';

export interface SettingsState {
  settings: Settings | null;
  /** Save a new reviewer name and organization (empty: none); false when the engine refused them (reported). */
  setReviewer(name: string, organization: string): Promise<boolean>;
  /** Remember where the reviewer is reading; saved after a short pause, not on every scroll step. */
  rememberDocument(doc: LastDocument | null): void;
  /** Save the theme: the system's, or light or dark whatever the system says. */
  setTheme(theme: ThemeChoice): Promise<boolean>;
}

const SAVE_DELAY_MS = 600;

type LastDocument = { caseDir: string; documentId: string; page: number };

export function useSettings(report: (err: unknown) => void): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let live = true;
    call('settings.get', {}).then(
      (s) => live && setSettings(s),
      (err: unknown) => live && report(err),
    );
    return () => {
      live = false;
    };
  }, [report]);

  const save = useCallback(
    async (args: ArgsOf<'settings.set'>): Promise<boolean> => {
      try {
        setSettings(await call('settings.set', args));
        return true;
      } catch (err) {
        report(err);
        return false;
      }
    },
    [report],
  );

  const setReviewer = useCallback((name: string, organization: string) => save({ reviewerName: name, organization }), [save]);
  const setTheme = useCallback((theme: ThemeChoice) => save({ theme }), [save]);

  // The place in the open document is saved at most SAVE_DELAY_MS after it first changed
  // (later changes ride along; a steady stream of them does not postpone the save), and
  // at once when the window goes away.
  const unsaved = useRef<{ doc: LastDocument | null } | null>(null);
  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const value = unsaved.current;
    unsaved.current = null;
    if (value) void save({ lastDocument: value.doc });
  }, [save]);

  const rememberDocument = useCallback(
    (doc: LastDocument | null) => {
      unsaved.current = { doc };
      pending.current ??= setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { settings, setReviewer, rememberDocument, setTheme };
}
