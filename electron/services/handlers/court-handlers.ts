/** Router handlers for court bundles: the case's plans, and building a bundle from one. */
import path from 'node:path';
import type { CourtProgress } from '../../../shared/ipc/contract.ts';
import { buildCourtBundle } from '../court/build.ts';
import { deletePlan, getPlan, listPlans, savePlan } from '../court/plans.ts';
import { throttleProgress } from '../jobs/throttle.ts';
import type { Handlers, RouterContext } from '../router.ts';

type Step = Omit<CourtProgress, 'jobId'>;

/** `NAME-index.docx` beside `NAME.pdf`. */
export const indexDocxBeside = (pdf: string): string =>
  path.join(path.dirname(pdf), `${path.basename(pdf, path.extname(pdf))}-index.docx`);

export function courtHandlers(
  ctx: RouterContext,
): Pick<Handlers, 'court.plans' | 'court.savePlan' | 'court.deletePlan' | 'court.build' | 'court.cancel'> {
  return {
    'court.plans': () => listPlans(ctx.store.db),
    'court.savePlan': (args) => savePlan(ctx.store.db, args, ctx.actor()),
    'court.deletePlan': ({ planId }) => ({ deleted: deletePlan(ctx.store.db, planId, ctx.actor()) }),
    'court.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
    'court.build': ({ path: out, planId, plan, jobId, passwords, indexDocx }) => {
      const body = plan ?? getPlan(ctx.store.db, planId!);
      const onProgress = jobId
        ? throttleProgress<Step>(
            (p) => ctx.emit('court.progress', { jobId, ...p }),
            (p, previous) => p.phase !== previous?.phase || p.done === p.total,
          )
        : undefined;
      return ctx.jobs.run({ id: jobId, what: 'a court bundle', holdsCase: true }, (signal) =>
        buildCourtBundle(
          {
            store: ctx.store,
            pool: ctx.pool,
            sessionPassword: (sha) => ctx.ocr.password(sha),
            rememberPassword: (sha, pw) => ctx.ocr.rememberPassword(sha, pw),
          },
          body,
          {
            out,
            indexDocx: indexDocx ? indexDocxBeside(out) : undefined,
            passwords,
            caseName: path.basename(ctx.store.dir),
            signal,
            onProgress,
          },
        ),
      );
    },
  };
}
