/** The keyboard-shortcut panel (F1, Ctrl+/): every binding from the keymap, grouped; a command without keys names its menu. */
import { Fragment } from 'react';
import { Modal } from '../ui/Modal.tsx';
import { keyLabel, keymap, type KeyBinding } from './keymap.ts';
import './shortcuts.css';

const groups: KeyBinding['group'][] = ['Documents', 'Case', 'Viewer', 'Editing', 'Help'];

function Keys({ combo }: { combo: string[] }) {
  return (
    <span className="combo">
      {combo.map((k, i) => (
        <Fragment key={k}>
          {i > 0 && <span aria-hidden="true">+</span>}
          <kbd>{keyLabel(k)}</kbd>
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
              {group === 'Documents' && (
                <>
                  <div className="shortcut">
                    <dt>Open the focused document</dt>
                    <dd>
                      <Keys combo={['Enter']} />
                    </dd>
                  </div>
                  <div className="shortcut">
                    <dt>Remove the focused document</dt>
                    <dd>
                      <Keys combo={['Delete']} />
                    </dd>
                  </div>
                </>
              )}
              {group === 'Viewer' && (
                <div className="shortcut">
                  <dt>Highlight the selected text</dt>
                  <dd>
                    <Keys combo={['H']} />
                  </dd>
                </div>
              )}
              {group === 'Viewer' && (
                <div className="shortcut">
                  <dt>Link the selection or selected highlight to an allegation, then S, C, X, A or D for the stance</dt>
                  <dd>
                    <Keys combo={['L']} />
                  </dd>
                </div>
              )}
              {group === 'Case' && (
                <div className="shortcut">
                  <dt>Move the focused allegation up or down</dt>
                  <dd>
                    <Keys combo={['Alt', '↑']} />
                    <span className="or">or</span>
                    <Keys combo={['Alt', '↓']} />
                  </dd>
                </div>
              )}
            </dl>
          </section>
        ))}
      </div>
      <p className="modal-foot-note">Ctrl shortcuts also work while typing; Undo and Redo then act on the text field.</p>
    </Modal>
  );
}
