/**
 * First run: an empty case and no other case opened before. A newcomer is offered the
 * sample case (a fictional letter and the report it answers) to try everything on,
 * without putting practice material into their own case.
 */
import { useId } from 'react';

export function SampleOffer({ onOpenSample, onDismiss }: { onOpenSample(): void; onDismiss(): void }) {
  const headingId = useId();
  return (
    <section className="sample-offer" aria-labelledby={headingId}>
      <h3 id={headingId}>New to Exhibit?</h3>
      <p>
        Try it on the sample case: a short NGO report on spyware and a company’s letter answering UN Special Rapporteurs about it,
        already reviewed — three allegations, highlighted passages linked to them, and the letter’s answers in the response map.
        All of it is fictional. The sample opens as a case of its own; this case stays empty for your documents.
      </p>
      <div className="sample-actions">
        <button type="button" className="primary" onClick={onOpenSample}>
          Open the sample case
        </button>
        <button type="button" className="quiet" onClick={onDismiss}>
          Not now
        </button>
      </div>
    </section>
  );
}
