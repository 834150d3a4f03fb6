/**
 * The reviewer's per-user settings: their name and the document to reopen. Loaded once;
 * every change goes to the engine, which answers with the settings as saved.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, Settings } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';

export interface SettingsState {
  settings: Settings | null;
  /** Save a new reviewer name; false when the engine refused it (reported). */
  setReviewer(name: string): Promise<boolean>;
  /** Remember where the reviewer is reading; saved after a short pause, not on every scroll step. */
  rememberDocument(doc: { caseDir: string; documentId: string; page: number } | null): void;
}

const SAVE_DELAY_MS = 600;

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

  const setReviewer = useCallback((name: string) => save({ reviewerName: name }), [save]);

  const rememberDocument = useCallback(
    (doc: { caseDir: string; documentId: string; page: number } | null) => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        pending.current = null;
        void save({ lastDocument: doc });
      }, SAVE_DELAY_MS);
    },
    [save],
  );

  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  return { settings, setReviewer, rememberDocument };
}
