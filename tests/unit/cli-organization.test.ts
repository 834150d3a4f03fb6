/** `exhibit organization`: the per-user organization that exported bundles name in bag-info.txt. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from '../fixtures/zip.ts';
import { exhibit, tempDir, writeFile } from './helpers.ts';

describe('exhibit organization', () => {
  it('is saved per user, named in exported bundles as Source-Organization, and removed with ""', async () => {
    const env = { HOME: tempDir('exhibit-home-') };
    expect(exhibit(['organization'], env).stdout).toBe('Organization: (none)\n');
    const set = exhibit(['organization', 'Centre for Digital Rights'], env);
    expect(set.code).toBe(0);
    expect(exhibit(['--json', 'organization'], env).lines()).toEqual([{ organization: 'Centre for Digital Rights' }]);

    const caseDir = path.join(tempDir(), 'case');
    expect(exhibit(['init', caseDir], env).code).toBe(0);
    const letter = writeFile(tempDir(), 'letter.txt', 'We deny it.');
    expect(exhibit(['--case', caseDir, 'import', letter], env).code).toBe(0);
    const bagInfo = async () => {
      const out = path.join(tempDir(), 'bundle.zip');
      const r = exhibit(['--case', caseDir, 'export', '--out', out], env);
      expect(r.code, r.stderr).toBe(0);
      return (await readAll(out)).get('bag-info.txt')!.toString('utf8');
    };
    const info = await bagInfo();
    expect(info).toContain('Source-Organization: Centre for Digital Rights\n');
    expect(info).toContain('Contact-Name: CLI Tester\n');

    expect(exhibit(['organization', ''], env).stdout).toBe('Organization: (none)\n');
    expect(await bagInfo()).not.toContain('Source-Organization');
  });

  it('refuses more than one name, and names that are too long, changing nothing', () => {
    const env = { HOME: tempDir('exhibit-home-') };
    exhibit(['organization', 'Acme'], env);
    const two = exhibit(['organization', 'Acme', 'Legal'], env);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('organization takes at most one name');
    const long = exhibit(['organization', 'x'.repeat(201)], env);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('at most 200 characters');
    expect(exhibit(['organization'], env).stdout).toBe('Organization: Acme\n');
  });
});
