/**
 * Option values that start with '-' (`--note "-1 + 2 = 1"`), through the real CLI: taken
 * as values, as with `--note=...`; a missing value is still a usage error naming the option.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exhibit, tempDir, writeFile } from './helpers.ts';

function caseWithLetter() {
  const dir = tempDir();
  const caseDir = path.join(dir, 'case');
  const letter = writeFile(dir, 'annex.txt', 'Annex B. The sum we were given: -1 + 2 = 1, and - as a dash.');
  exhibit(['init', caseDir]);
  const [doc] = exhibit(['--case', caseDir, '--json', 'import', letter]).lines();
  return { caseDir, docId: doc.documentId as string };
}

describe('option values starting with a dash', () => {
  it('takes "-1 + 2 = 1", "-" and "- see p. 3" as values, and --note=--draft for one starting with "--"', () => {
    const { caseDir, docId } = caseWithLetter();
    const add = (...extra: string[]) =>
      exhibit(['--case', caseDir, '--json', 'highlight', 'add', '--doc', docId, '--page', '1', ...extra]);
    const first = add('--quote', '-1 + 2 = 1', '--note', '-1 + 2 = 1', '--label', '-');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = add('--quote', 'Annex B', '--note=--draft', '--label', '- see p. 3');
    expect(second.code).toBe(0);

    const listed = exhibit(['--case', caseDir, '--json', 'highlights', '--doc', docId]).lines();
    expect(listed.map((h) => [h.quote, h.note])).toEqual(
      expect.arrayContaining([
        ['-1 + 2 = 1', '-1 + 2 = 1'],
        ['Annex B', '--draft'],
      ]),
    );
    expect(listed).toHaveLength(2);

    const prov = exhibit(['--case', caseDir, '--json', 'provenance', docId, '--notes', '-', '--source', '-x']);
    expect(prov.lines()[0].provenance).toEqual({ notes: '-', source: '-x' });
  });

  it('still needs a value: an option or the end of the line where one belongs is a usage error naming the option', () => {
    const { caseDir, docId } = caseWithLetter();
    const add = (...extra: string[]) =>
      exhibit(['--case', caseDir, 'highlight', 'add', '--doc', docId, '--page', '1', '--quote', 'Annex B', ...extra]);

    const beforeOption = add('--note', '--color', 'pink');
    expect(beforeOption.code).toBe(2);
    expect(beforeOption.stderr).toContain('exhibit: --note needs a value, but is followed by --color');
    const atEnd = add('--note');
    expect(atEnd.code).toBe(2);
    expect(atEnd.stderr).toContain('exhibit: --note needs a value (run "exhibit --help" for usage)');
    const beforeHelp = add('--note', '-h');
    expect(beforeHelp.code).toBe(2);
    expect(beforeHelp.stderr).toContain('--note needs a value, but is followed by -h');
    // A negative number reaches the option's own check, which names it.
    const negative = add('--page', '-1');
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('--page takes a whole number of 1 or more, not "-1"');

    // Nothing was stored by any of them.
    expect(exhibit(['--case', caseDir, '--json', 'highlights']).lines()).toEqual([]);
  });
});
