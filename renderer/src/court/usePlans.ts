/**
 * The case's court bundle plans as the view edits them: the list, the plan chosen, its draft
 * (what the reviewer sees, ahead of the engine by at most one pause in typing), and the save
 * state. An edit shows at once and is saved after a short pause; each save is one step of
 * the case's undo history (Ctrl+Z / Ctrl+Shift+Z), replayed against the engine, so an undo
 * works even after the view was closed and reopened.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CourtPlan, CourtPlanBody } from '../../../shared/ipc/contract.ts';
import { call } from '../api.ts';
import { pushUndo } from '../undo/undo.ts';
import { newPlanBody } from '../../../shared/court/plan-edit.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/** Told when an undo or redo changed a plan behind the view's back. */
const listeners = new Set<(plan: CourtPlan) => void>();
const plansChanged = (plan: CourtPlan) => listeners.forEach((l) => l(plan));

const SAVE_DELAY_MS = 500;

interface Version {
  planId: string;
  name: string;
  plan: CourtPlanBody;
}

const bodyOf = ({ cover, sections, options }: CourtPlanBody): CourtPlanBody => ({ cover, sections, options });

async function saveVersion(v: Version): Promise<CourtPlan> {
  return call('court.savePlan', { planId: v.planId, name: v.name, plan: v.plan });
}

export interface PlansState {
  plans: CourtPlan[] | null;
  /** The chosen plan as edited, or null when the case has none. */
  draft: CourtPlan | null;
  save: SaveState;
  choose(planId: string): void;
  /** Change the draft; saved after a pause. */
  edit(change: (body: CourtPlanBody) => CourtPlanBody): void;
  create(name: string, preparedBy: string): Promise<void>;
  rename(name: string): Promise<void>;
  remove(): Promise<void>;
  /** Save now what is waiting (before a build, which reads the saved plan). */
  flush(): Promise<void>;
}

export function usePlans(report: (err: unknown) => void): PlansState {
  const [plans, setPlans] = useState<CourtPlan[] | null>(null);
  const [draft, setDraft] = useState<CourtPlan | null>(null);
  const [save, setSave] = useState<SaveState>('saved');
  // The version the engine holds for the draft's plan: the undo step's "before".
  const saved = useRef<CourtPlan | null>(null);
  const latest = useRef<CourtPlan | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = useCallback((plan: CourtPlan | null) => {
    saved.current = plan;
    latest.current = plan;
    setDraft(plan);
    setSave('saved');
  }, []);

  const reload = useCallback(async (prefer?: string) => {
    const list = await call('court.plans', {});
    setPlans(list);
    return list.find((p) => p.planId === prefer) ?? list[0] ?? null;
  }, []);

  useEffect(() => {
    let live = true;
    call('court.plans', {})
      .then((list) => {
        if (!live) return;
        setPlans(list);
        show(list[0] ?? null);
      })
      .catch(report);
    return () => {
      live = false;
    };
  }, [show, report]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const before = saved.current;
    const after = latest.current;
    if (!before || !after || before.planId !== after.planId) return;
    if (JSON.stringify(bodyOf(before)) === JSON.stringify(bodyOf(after)) && before.name === after.name) {
      setSave('saved');
      return;
    }
    setSave('saving');
    try {
      const stored = await saveVersion({ planId: after.planId, name: after.name, plan: bodyOf(after) });
      saved.current = stored;
      if (latest.current?.planId === stored.planId && latest.current === after) latest.current = stored;
      setSave(latest.current === stored ? 'saved' : 'pending');
      setPlans((list) => list?.map((p) => (p.planId === stored.planId ? stored : p)) ?? list);
      const was: Version = { planId: before.planId, name: before.name, plan: bodyOf(before) };
      const now: Version = { planId: stored.planId, name: stored.name, plan: bodyOf(stored) };
      pushUndo({
        label: `Change to court bundle plan “${stored.name}”`,
        undo: async () => plansChanged(await saveVersion(was)),
        redo: async () => plansChanged(await saveVersion(now)),
      });
    } catch (err) {
      setSave('failed');
      report(err);
    }
  }, [report]);

  // An undo or redo replaced a plan: show the engine's version if it is the one open.
  useEffect(() => {
    const listener = (plan: CourtPlan) => {
      setPlans((list) => list?.map((p) => (p.planId === plan.planId ? plan : p)) ?? list);
      if (latest.current?.planId !== plan.planId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      show(plan);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [show]);

  // Leaving the view saves what is waiting.
  useEffect(() => () => void flush(), [flush]);

  const edit = useCallback(
    (change: (body: CourtPlanBody) => CourtPlanBody) => {
      const current = latest.current;
      if (!current) return;
      const next: CourtPlan = { ...current, ...change(bodyOf(current)) };
      latest.current = next;
      setDraft(next);
      setSave('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  const choose = useCallback(
    (planId: string) => {
      void flush().then(() => {
        const plan = plans?.find((p) => p.planId === planId);
        if (plan) show(plan);
      });
    },
    [flush, plans, show],
  );

  const create = useCallback(
    async (name: string, preparedBy: string) => {
      await flush();
      const created = await call('court.savePlan', { name, plan: newPlanBody(preparedBy) });
      show(await reload(created.planId));
    },
    [flush, reload, show],
  );

  const rename = useCallback(
    async (name: string) => {
      await flush();
      const current = latest.current;
      if (!current) return;
      const stored = await saveVersion({ planId: current.planId, name, plan: bodyOf(current) });
      const was: Version = { planId: current.planId, name: current.name, plan: bodyOf(current) };
      pushUndo({
        label: `Rename court bundle plan to “${stored.name}”`,
        undo: async () => plansChanged(await saveVersion(was)),
        redo: async () => plansChanged(await saveVersion({ ...was, name: stored.name })),
      });
      show(await reload(stored.planId));
    },
    [flush, reload, show],
  );

  const remove = useCallback(async () => {
    const current = latest.current;
    if (!current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await call('court.deletePlan', { planId: current.planId });
    show(await reload());
  }, [reload, show]);

  return { plans, draft, save, choose, edit, create, rename, remove, flush };
}
