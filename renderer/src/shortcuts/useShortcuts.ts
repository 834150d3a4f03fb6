/**
 * Routes keys and native-menu clicks to app commands. Keys are handled by the page in
 * every host (the menu only displays them), so the browser-hosted tests exercise the
 * same path a reviewer's keyboard takes in the desktop app.
 */
import { useEffect } from 'react';
import { onEvent } from '../api.ts';
import { runCommand, type AppCommand } from './commands.ts';
import { bindingFor, isTextField, keymap } from './keymap.ts';

// Menu Undo/Redo while a field has focus mean the field's own text history.
const fieldCommands: Partial<Record<AppCommand, string>> = { undo: 'undo', redo: 'redo' };

const isMac = /Mac/.test(navigator.platform);
const keyOf: Record<string, string> = { '+': '=', '−': '-' };

/**
 * A menu command nobody registered for (the viewer handles zoom and find as keys) is
 * replayed as its shortcut, so the menu and the keyboard can never do different things.
 */
function replayAsKey(command: AppCommand): void {
  const combo = keymap.find((b) => b.command === command)?.keys.find((c) => c.includes('Ctrl'));
  if (!combo) return;
  const key = combo.at(-1)!;
  const ctrl = combo.includes('Ctrl');
  const target = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
  target.dispatchEvent(
    new KeyboardEvent('keydown', {
      key: keyOf[key] ?? key.toLowerCase(),
      ctrlKey: ctrl && !isMac,
      metaKey: ctrl && isMac,
      shiftKey: combo.includes('Shift'),
      bubbles: true,
      cancelable: true,
    }),
  );
}

function fromMenu(command: AppCommand): void {
  const native = fieldCommands[command];
  if (native && isTextField(document.activeElement)) {
    // execCommand is deprecated but is still the only way to reach a field's own undo stack.
    document.execCommand(native);
    return;
  }
  if (!runCommand(command)) replayAsKey(command);
}

/** Install the window's key handler and menu listener for as long as the app is mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A component that handled the key itself (the viewer's find box, a dialog) has the last word.
      if (e.defaultPrevented || e.isComposing) return;
      const binding = bindingFor(e, isTextField(e.target));
      if (binding && runCommand(binding.command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    try {
      return onEvent('menu.command', fromMenu);
    } catch {
      return undefined; // no bridge: already reported by the first failed call
    }
  }, []);
}
