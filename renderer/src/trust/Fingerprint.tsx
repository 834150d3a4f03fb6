/**
 * A key fingerprint as reviewers compare it: groups of four hex digits in a fixed-width
 * font. Screen readers get the groups too, so a fingerprint read aloud matches one read out
 * over the phone.
 */
import { groupFingerprint } from '../../../shared/fingerprint.ts';
import './trust.css';

export function Fingerprint({ value, label }: { value: string; label?: string }) {
  const groups = groupFingerprint(value);
  // Two halves of eight groups, each kept whole, so a narrow box breaks it in the middle and nowhere else.
  const middle = groups.length > 40 ? groups.indexOf(' ', Math.floor(groups.length / 2) - 2) : -1;
  return (
    <code className="fingerprint" aria-label={label ? `${label}: ${groups}` : undefined}>
      {middle < 0 ? (
        groups
      ) : (
        <>
          <span className="fingerprint-half">{groups.slice(0, middle)}</span>{' '}
          <span className="fingerprint-half">{groups.slice(middle + 1)}</span>
        </>
      )}
    </code>
  );
}
