import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseArgument } from '../../electron/main/single-instance.ts';

describe('the case named on a command line', () => {
  it('is read from --case <dir> or --case=<dir>, relative to the folder the command started in', () => {
    expect(caseArgument(['exhibit', '--case', 'cases/harbour'], '/home/r')).toBe(path.resolve('/home/r/cases/harbour'));
    expect(caseArgument(['exhibit', '--case=/srv/cases/harbour'], '/home/r')).toBe('/srv/cases/harbour');
    // A second instance started elsewhere: its own working folder counts, not the first's.
    expect(caseArgument(['exhibit', '--case', '../b'], '/work/a')).toBe('/work/b');
  });

  it('is null when none is named or the option is left empty', () => {
    expect(caseArgument(['exhibit'], '/home/r')).toBeNull();
    expect(caseArgument(['exhibit', '--case'], '/home/r')).toBeNull();
    expect(caseArgument(['exhibit', '--case='], '/home/r')).toBeNull();
    expect(caseArgument(['exhibit', '--cases', 'x'], '/home/r')).toBeNull();
  });
});
