/** What merging a bundle did: a count per kind and outcome, every conflict, and where it is recorded. */
import type { MergeResult } from '../../../shared/ipc/contract.ts';

const n = (x: number) => x.toLocaleString();

export function MergeSummary({ result }: { result: MergeResult }) {
  const rows: [string, number, number | null, number][] = [
    ['Documents', result.documents.added, null, result.documents.known],
    ['Allegations', result.allegations.added, result.allegations.updated, result.allegations.unchanged],
    ['Highlights', result.highlights.added, result.highlights.updated, result.highlights.unchanged],
    ['Links', result.links.added, result.links.updated, result.links.unchanged],
  ];
  const conflicts = result.conflicts.length;
  return (
    <div className="bundle-merged">
      <p className="bundle-ok" role="status">
        <span aria-hidden="true">✓ </span>
        Merged into this case: {n(result.documents.added)} new {result.documents.added === 1 ? 'document' : 'documents'},{' '}
        {n(result.allegations.added)} new {result.allegations.added === 1 ? 'allegation' : 'allegations'},{' '}
        {conflicts === 0 ? 'no conflicts' : conflicts === 1 ? 'one conflict' : `${n(conflicts)} conflicts`}
      </p>
      <table className="bundle-counts">
        <caption className="visually-hidden">What the merge did</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Kind</span>
            </th>
            <th scope="col">Added</th>
            <th scope="col">Updated</th>
            <th scope="col">Already here</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([kind, added, updated, same]) => (
            <tr key={kind}>
              <th scope="row">{kind}</th>
              <td>{n(added)}</td>
              <td>{updated === null ? <span aria-label="not applicable">–</span> : n(updated)}</td>
              <td>{n(same)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {conflicts > 0 ? (
        <>
          <h3 className="bundle-subhead">
            {conflicts === 1 ? 'One conflict' : `${n(conflicts)} conflicts`}, and how each was settled
          </h3>
          <ul className="bundle-conflicts" aria-label="Conflicts">
            {result.conflicts.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No item was changed on both sides, so there were no conflicts to settle.</p>
      )}
      <p className="modal-foot-note">
        The merge is recorded in this case’s audit log with the bundle’s name and these counts. It cannot be undone with Undo.
      </p>
    </div>
  );
}
