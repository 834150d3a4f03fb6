/**
 * A button that opens a panel below it (the case switcher, the top bar's overflow): when it
 * opens, focus goes to the panel's first enabled button; Escape closes it and puts focus
 * back on the button; a press anywhere outside the two closes it. `onOpen` runs each time
 * it opens (the switcher re-reads its recent cases then).
 */
import { useEffect, useId, useRef, useState } from 'react';

export function usePopover(onOpen?: () => void) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    onOpen?.();
    panelRef.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open, onOpen]);

  return { open, setOpen, panelId, buttonRef, panelRef };
}
