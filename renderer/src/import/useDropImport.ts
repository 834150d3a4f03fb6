/**
 * Files and folders dropped anywhere on the window are imported, the same way as from
 * the Import buttons. While a drag with files is over the window, `dragging` is true so
 * the app can show where they will go.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { carriesFiles, pathsOfDropped } from './dropPaths.ts';

export function useDropImport(
  importPaths: (paths: string[]) => Promise<void>,
  busy: boolean,
  report: (err: unknown) => void,
): boolean {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; only the outermost pair matters.
  const depth = useRef(0);
  const latest = useRef({ importPaths, busy, report });
  useEffect(() => {
    latest.current = { importPaths, busy, report };
  });

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Without this the browser refuses the drop (or, outside Electron's guard, navigates to the file).
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = latest.current.busy ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const { busy: running, importPaths: run, report: tell } = latest.current;
      if (running) {
        tell(new ApiError('invalid-args', 'An import is already running; drop the files again when it has finished.', null));
        return;
      }
      const { paths, withoutPath } = pathsOfDropped(e.dataTransfer.files);
      if (withoutPath > 0) {
        tell(
          new ApiError(
            'unreadable-file',
            `${withoutPath === 1 ? 'One dropped item is' : `${withoutPath} dropped items are`} not a file on this computer and cannot be imported; save it to disk first.`,
            null,
          ),
        );
      }
      if (paths.length > 0) void run(paths);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return dragging;
}
