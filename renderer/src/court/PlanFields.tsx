/** The cover's fields and the bundle's options, with a live preview of the page stamp. */
import { useId } from 'react';
import type { CourtPlanBody, StampPosition } from '../../../shared/ipc/contract.ts';
import { stampPreview } from '../../../shared/court/plan-edit.ts';

type Edit = (change: (body: CourtPlanBody) => CourtPlanBody) => void;

const POSITIONS: Record<StampPosition, string> = {
  'bottom-right': 'Bottom right',
  'bottom-center': 'Bottom centre',
  'bottom-left': 'Bottom left',
  'top-right': 'Top right',
  'top-left': 'Top left',
};

export function CoverFields({ body, edit }: { body: CourtPlanBody; edit: Edit }) {
  const id = useId();
  const cover = body.cover;
  const set = (change: Partial<CourtPlanBody['cover']>) => edit((b) => ({ ...b, cover: { ...b.cover, ...change } }));
  return (
    <fieldset className="court-fields">
      <legend>Cover</legend>
      <label htmlFor={`${id}-title`}>Bundle title</label>
      <input
        id={`${id}-title`}
        value={cover.title}
        maxLength={300}
        onChange={(e) => set({ title: e.target.value })}
        onBlur={(e) => !e.target.value.trim() && set({ title: 'Hearing bundle' })}
      />
      <label htmlFor={`${id}-date`}>Date</label>
      <div className="court-inline">
        <input id={`${id}-date`} type="date" value={cover.date ?? ''} onChange={(e) => set({ date: e.target.value || null })} />
        {cover.date === null && <span className="muted">the day it is built</span>}
      </div>
      <label htmlFor={`${id}-by`}>Prepared by</label>
      <input id={`${id}-by`} value={cover.preparedBy} maxLength={300} onChange={(e) => set({ preparedBy: e.target.value })} />
    </fieldset>
  );
}

export function OptionsFields({ body, edit }: { body: CourtPlanBody; edit: Edit }) {
  const id = useId();
  const o = body.options;
  const set = (change: Partial<CourtPlanBody['options']>) => edit((b) => ({ ...b, options: { ...b.options, ...change } }));
  const check = (key: 'highlights' | 'notes' | 'ownAnnotations' | 'stampCover', label: string, disabled = false) => (
    <label className="court-check">
      <input type="checkbox" checked={o[key]} disabled={disabled} onChange={(e) => set({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <fieldset className="court-fields">
      <legend>Page numbers and content</legend>
      <label htmlFor={`${id}-prefix`}>Number prefix</label>
      <input
        id={`${id}-prefix`}
        value={o.prefix}
        maxLength={20}
        onChange={(e) => set({ prefix: e.target.value.replace(/[\n\r\t]/g, '') })}
        aria-describedby={`${id}-preview`}
      />
      <label htmlFor={`${id}-digits`}>Digits</label>
      <div className="court-inline">
        <input
          id={`${id}-digits`}
          type="number"
          min={1}
          max={8}
          value={o.digits}
          onChange={(e) => {
            const digits = Math.round(Number(e.target.value));
            if (digits >= 1 && digits <= 8) set({ digits });
          }}
          aria-describedby={`${id}-preview`}
        />
        <output id={`${id}-preview`} className="court-stamp-preview" aria-live="polite">
          <span className="visually-hidden">Pages are numbered </span>
          {stampPreview(o.prefix, o.digits, 1)}, {stampPreview(o.prefix, o.digits, 2)}…
        </output>
      </div>
      <label htmlFor={`${id}-pos`}>Stamp position</label>
      <select id={`${id}-pos`} value={o.stampPosition} onChange={(e) => set({ stampPosition: e.target.value as StampPosition })}>
        {(Object.keys(POSITIONS) as StampPosition[]).map((p) => (
          <option key={p} value={p}>
            {POSITIONS[p]}
          </option>
        ))}
      </select>
      <div className="court-checks">
        {check('highlights', 'Include the case’s highlights (off: a clean copy)')}
        {check('notes', 'With each highlight’s note', !o.highlights)}
        {check('ownAnnotations', 'Keep the PDFs’ own annotations')}
        {check('stampCover', 'Stamp the cover too')}
      </div>
    </fieldset>
  );
}
