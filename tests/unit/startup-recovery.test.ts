import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExhibitError } from '../../shared/errors.ts';
import { openWithRecovery, restoreQuestion, type RestoreOffer } from '../../electron/main/startup.ts';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { tempDir } from './helpers.ts';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const home = tempDir('exhibit-user-');
const openAt = (caseDir: string) => () => {
  const s = openServices({
    caseDir,
    create: true,
    pool: { size: 1 },
    actor: () => 'Start-up Tester',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
  });
  open.push(s);
  return s;
};

/** A case with two allegations in a backup and a third made after it; then its header zeroed. */
async function damagedCaseWithBackup() {
  const caseDir = path.join(tempDir(), 'case');
  const s = openAt(caseDir)();
  await callTyped(s.router, 'allegations.create', { title: 'Phones were infected' });
  await callTyped(s.router, 'allegations.create', { title: 'The vendor was told' });
  const backup = await s.backups.now();
  await callTyped(s.router, 'allegations.create', { title: 'Made after the backup' });
  await s.close();
  open.splice(open.indexOf(s), 1);
  const fd = fs.openSync(path.join(caseDir, 'case.sqlite'), 'r+');
  fs.writeSync(fd, Buffer.alloc(100), 0, 100, 0);
  fs.closeSync(fd);
  return { caseDir, backup };
}

describe('opening the case at start-up', () => {
  it('offers the latest good backup for a damaged case and, when accepted, restores and opens it', async () => {
    const { caseDir, backup } = await damagedCaseWithBackup();
    const offers: RestoreOffer[] = [];
    const outcome = await openWithRecovery(
      caseDir,
      openAt(caseDir),
      async (offer) => (offers.push(offer), true),
      () => 'Start-up Tester',
    );
    expect(offers).toHaveLength(1);
    expect(offers[0]!.backup.name).toBe(backup.name);
    expect(offers[0]!.detail).toMatch(/is damaged/);
    const q = restoreQuestion(offers[0]!);
    expect(q.buttons[0]).toMatch(/^Restore backup from \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(q.detail).toContain(`${backup.auditRows} audited changes`);

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.restored?.name).toBe(backup.name);
    const titles = (await callTyped(outcome.value.router, 'allegations.list', {})).map((a) => a.title);
    expect(titles).toEqual(['Phones were infected', 'The vendor was told']);
    expect(fs.readdirSync(caseDir).some((n) => n.startsWith('case.sqlite.damaged-'))).toBe(true);
  });

  it('stops with the engine message and restores nothing when the reviewer declines', async () => {
    const { caseDir } = await damagedCaseWithBackup();
    const outcome = await openWithRecovery(
      caseDir,
      openAt(caseDir),
      async () => false,
      () => 'Start-up Tester',
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/is damaged .*latest good backup is case-/s);
    expect(fs.existsSync(path.join(caseDir, 'case.sqlite'))).toBe(false);
  });

  it('does not ask when there is no backup to offer, or when the problem is not damage', async () => {
    const caseDir = path.join(tempDir(), 'case');
    const s = openAt(caseDir)();
    await s.close();
    open.splice(open.indexOf(s), 1);
    fs.rmSync(path.join(caseDir, 'backups'), { recursive: true, force: true });
    fs.writeFileSync(path.join(caseDir, 'case.sqlite'), Buffer.alloc(8192, 7));
    let asked = 0;
    const ask = async () => (asked++, true);
    const damaged = await openWithRecovery(caseDir, openAt(caseDir), ask, () => 'x');
    expect(damaged).toMatchObject({ ok: false, message: expect.stringMatching(/No good backup was found/) });

    const notACase = tempDir();
    fs.writeFileSync(path.join(notACase, 'notes.txt'), 'not a case');
    const refused = await openWithRecovery(
      notACase,
      () => {
        throw new ExhibitError('not-a-case', `${notACase} is not an Exhibit case`, notACase);
      },
      ask,
      () => 'x',
    );
    expect(refused).toEqual({ ok: false, message: `${notACase} is not an Exhibit case` });
    expect(asked).toBe(0);
  });
});
