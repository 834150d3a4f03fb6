/**
 * One way in for every app command, whether it came from the native menu, a keyboard
 * shortcut or a button: `runCommand`. Features listen with `useCommand`, so the viewer
 * can take zoom and find without knowing whether a menu or a key asked for it.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/ipc/contract.ts';

export type AppCommand = MenuCommand;
type Handler = () => void;

const handlers = new Map<AppCommand, Set<Handler>>();

/** Run a command; true when something in the window handled it. */
export function runCommand(command: AppCommand): boolean {
  const set = handlers.get(command);
  if (!set || set.size === 0) return false;
  // The newest listener wins: a dialog opened over the app takes the command from the app beneath.
  const last = [...set].at(-1);
  last?.();
  return true;
}

/** Whether anything currently listens for `command` (e.g. no document open: no zoom). */
export const hasCommand = (command: AppCommand): boolean => (handlers.get(command)?.size ?? 0) > 0;

/** Listen for a command while the component is mounted; `handler` may change between renders. */
export function useCommand(command: AppCommand, handler: Handler | null): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const active = handler !== null;
  useEffect(() => {
    if (!active) return undefined;
    const run = () => latest.current?.();
    let set = handlers.get(command);
    if (!set) handlers.set(command, (set = new Set()));
    set.add(run);
    return () => {
      set.delete(run);
    };
  }, [command, active]);
}
