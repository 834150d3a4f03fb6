/** The keyboard-shortcut panel (F1, Ctrl+/): every binding from the keymap, grouped; a command without keys names its menu. */
import { Fragment } from 'react';
import { Modal } from '../ui/Modal.tsx';
import { keyLabel, keymap, type KeyBinding } from './keymap.ts';
import './shortcuts.css';

const groups: KeyBinding['group'][] = ['Documents', 'Case', 'Viewer', 'Editing', 'Help'];

// Moving by word is Alt (Option) on a Mac, as in its text fields; Ctrl elsewhere.
const word = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? 'Alt' : 'Ctrl';

/** Keys of one place (the document list, the pages, the board) rather than app commands; `a|b` is either key. */
const localKeys: { group: KeyBinding['group']; label: string; combos: string[][] }[] = [
  { group: 'Documents', label: 'Open the focused document', combos: [['Enter']] },
  { group: 'Documents', label: 'Remove the focused document', combos: [['Delete']] },
  { group: 'Viewer', label: 'Move the text caret in the pages', combos: [['←|→|↑|↓']] },
  { group: 'Viewer', label: 'Move the caret by word', combos: [[word, '←|→']] },
  { group: 'Viewer', label: 'Move the caret to the start or end of the line', combos: [['Home|End']] },
  { group: 'Viewer', label: 'Select from the caret, by character or line', combos: [['Shift', '←|→|↑|↓']] },
  { group: 'Viewer', label: 'Select by word', combos: [[word, 'Shift', '←|→']] },
  { group: 'Viewer', label: 'Select to the start or end of the line', combos: [['Shift', 'Home|End']] },
  { group: 'Viewer', label: 'Clear the selection, keeping the caret', combos: [['Esc']] },
  { group: 'Viewer', label: 'Highlight the selected text', combos: [['H']] },
  {
    group: 'Viewer',
    label: 'Link the selection or selected highlight to an allegation, then S, C, X, A or D for the stance',
    combos: [['L']],
  },
  { group: 'Viewer', label: 'Area tool on or off: drag a rectangle on a page to highlight it', combos: [['A']] },
  {
    group: 'Viewer',
    label: 'Area tool: place the rectangle and move it; with Shift resize it (add Ctrl for single points)',
    combos: [['←|→|↑|↓'], ['Shift', '←|→|↑|↓']],
  },
  { group: 'Viewer', label: 'Area tool: highlight the rectangle (colour, note, link)', combos: [['Enter']] },
  { group: 'Viewer', label: 'Area tool: drop the rectangle', combos: [['Esc']] },
  {
    group: 'Case',
    label: 'Move the focused allegation up or down',
    combos: [['Alt', '↑|↓']],
  },
];

function Keys({ combo }: { combo: string[] }) {
  return (
    <span className="combo">
      {combo.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && <span aria-hidden="true">+</span>}
          {k.split('|').map((alt, j) => (
            <Fragment key={alt}>
              {j > 0 && <span className="alt">or</span>}
              <kbd>{keyLabel(alt)}</kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </span>
  );
}

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} className="shortcut-help">
      <div className="shortcut-groups">
        {groups.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {keymap
                .filter((b) => b.group === group)
                .map((b) => (
                  <div key={b.command} className="shortcut">
                    <dt>{b.label}</dt>
                    <dd>
                      {b.menu && <span className="or">{b.menu} menu</span>}
                      {b.keys.map((combo, i) => (
                        <Fragment key={combo.join('+')}>
                          {i > 0 && <span className="or">or</span>}
                          <Keys combo={combo} />
                        </Fragment>
                      ))}
                    </dd>
                  </div>
                ))}
              {localKeys
                .filter((k) => k.group === group)
                .map((k) => (
                  <div key={k.label} className="shortcut">
                    <dt>{k.label}</dt>
                    <dd>
                      {k.combos.map((combo, i) => (
                        <Fragment key={combo.join('+')}>
                          {i > 0 && <span className="or">or</span>}
                          <Keys combo={combo} />
                        </Fragment>
                      ))}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="modal-foot-note">
        In the pages, the first arrow key shows the text caret at the first line in view; a search hit opens already selected.
        Select with Shift, then press H to highlight or L to link. Ctrl shortcuts also work while typing; Undo and Redo then act
        on the text field.
      </p>
    </Modal>
  );
}
