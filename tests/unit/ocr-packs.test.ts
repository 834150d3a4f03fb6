/**
 * Adding an OCR language pack from a file (ocr.addLanguage, exhibit ocr-languages add):
 * a real pack, gzipped or not, is copied into the per-user packs folder and listed as
 * installed, replacing one of the same language; anything else is refused with the file
 * named and the reason given — a wrong name, a file that is not Tesseract data, a damaged
 * or cut-short one, a pack too old, a pack of another language than its name says, a
 * language that ships with Exhibit — and leaves the packs folder as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { callTyped } from '../../electron/services/router.ts';
import { openServices, type Services } from '../../electron/services/services.ts';
import { availableLanguages } from '../../electron/services/ocr/languages.ts';
import { frenchData, frenchPack, legacyPack } from '../fixtures/language-packs.ts';
import { exhibit, tempDir } from './helpers.ts';

/** A case whose per-user data folder (and so its packs folder) the test knows; closed after the test. */
function caseWithPacks(): { s: Services; packs: string } {
  const home = tempDir('exhibit-user-');
  const s = openServices({
    caseDir: path.join(home, 'case'),
    create: true,
    pool: { size: 1 },
    actor: () => 'Test Reviewer',
    configDir: path.join(home, 'config'),
    dataDir: path.join(home, 'data'),
    rememberCase: false,
    backup: false,
  });
  onTestFinished(() => s.close());
  return { s, packs: path.join(home, 'data', 'ocr-packs') };
}

/** Call ocr.addLanguage and answer its error (code, message, subject), or null when it was added. */
async function refusal(s: Services, file: string) {
  const res = await s.router.call('ocr.addLanguage', { path: file });
  return res.ok ? null : res.error;
}

describe('adding a language pack', () => {
  it('installs a pack gzipped or not, one file per language, and lists it', async () => {
    const { s, packs } = caseWithPacks();
    const dir = tempDir();
    const gz = frenchPack(dir, 'fra.traineddata.gz');
    const list = await callTyped(s.router, 'ocr.addLanguage', { path: gz });
    expect(list.filter((l) => l.installed).map((l) => l.code)).toEqual(['eng', 'fra']);
    expect(fs.readdirSync(packs)).toEqual(['fra.traineddata.gz']);
    expect(fs.readFileSync(path.join(packs, 'fra.traineddata.gz')).equals(fs.readFileSync(gz))).toBe(true);
    // The unpacked form replaces the gzipped one: Tesseract would otherwise find one of them first.
    await callTyped(s.router, 'ocr.addLanguage', { path: frenchPack(dir, 'fra.traineddata') });
    expect(fs.readdirSync(packs)).toEqual(['fra.traineddata']);
    const langs = await callTyped(s.router, 'ocr.languages', {});
    expect(langs.find((l) => l.code === 'fra')).toEqual({ code: 'fra', label: 'French', installed: true });
  });

  it.each([
    ['French.traineddata', 'invalid-args', /is not named as a language pack: its name must be the language's Tesseract code/],
    ['fra.txt', 'invalid-args', /is not named as a language pack/],
    ['eng.traineddata', 'invalid-args', /English \(eng\) ships with Exhibit and is always installed/],
    ['osd.traineddata', 'invalid-args', /the orientation model ships with Exhibit/],
  ])('refuses %s by its name', async (name, code, message) => {
    const { s } = caseWithPacks();
    const file = frenchPack(tempDir(), name);
    const err = await refusal(s, file);
    expect(err).toMatchObject({ code, subject: file });
    expect(err!.message).toMatch(message);
    expect(err!.message).toContain(file);
  });

  it('refuses files that are not Tesseract data, damaged, cut short, too old or of another language, naming each', async () => {
    const { s, packs } = caseWithPacks();
    const dir = tempDir();
    const write = (name: string, bytes: Uint8Array) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    };
    const cases: [string, string, RegExp][] = [
      [
        write('ara.traineddata', new TextEncoder().encode('%PDF-1.7 not a language pack at all')),
        'unsupported-file',
        /does not start with the table of contents of Tesseract language data/,
      ],
      [
        write('rus.traineddata.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5])),
        'unreadable-file',
        /is damaged \(it could not be unpacked\)/,
      ],
      [
        write('chi_sim.traineddata', frenchData().subarray(0, 4096)),
        'unreadable-file',
        /its table of contents points outside the file/,
      ],
      [write('hin.traineddata', new Uint8Array(2)), 'unsupported-file', /too short to be Tesseract language data/],
      [legacyPack(dir, 'deu.traineddata.gz'), 'unsupported-file', /holds no LSTM model \(a pack made for Tesseract 3\?\)/],
      [
        frenchPack(dir, 'spa.traineddata.gz'),
        'unsupported-file',
        /holds French \(fra\) data but is named for Spanish \(spa\); rename it fra\.traineddata\.gz/,
      ],
      [path.join(dir, 'ita.traineddata'), 'not-found', /was not found/],
    ];
    fs.mkdirSync(path.join(dir, 'por.traineddata'));
    cases.push([path.join(dir, 'por.traineddata'), 'unsupported-file', /it is not a file/]);
    for (const [file, code, message] of cases) {
      const err = await refusal(s, file);
      expect(err, file).toMatchObject({ code, subject: file });
      expect(err!.message, file).toMatch(message);
      expect(err!.message.startsWith(file), file).toBe(true);
    }
    // Nothing was installed, and nothing half-written was left behind.
    const langs = await callTyped(s.router, 'ocr.languages', {});
    expect(langs.filter((l) => l.installed).map((l) => l.code)).toEqual(['eng']);
    expect(fs.existsSync(packs) ? fs.readdirSync(packs) : []).toEqual([]);
  });

  it('exhibit ocr-languages add FILE adds a pack, and names a bad file', async () => {
    const dir = tempDir();
    const home = tempDir('exhibit-home-');
    const caseDir = path.join(dir, 'case');
    expect(exhibit(['init', caseDir], { HOME: home }).code).toBe(0);
    const added = exhibit(['--case', caseDir, '--json', 'ocr-languages', 'add', frenchPack(dir, 'fra.traineddata.gz')], {
      HOME: home,
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.lines()).toEqual([{ added: true, code: 'fra', label: 'French', installed: true }]);
    expect(fs.existsSync(path.join(home, 'data', 'exhibit', 'ocr-packs', 'fra.traineddata.gz'))).toBe(true);
    expect(availableLanguages(path.join(home, 'data', 'exhibit', 'ocr-packs'))).toEqual(['eng', 'fra']);

    const listed = exhibit(['--case', caseDir, 'ocr-languages'], { HOME: home });
    expect(listed.stdout).toMatch(/^fra\s+French$/m);
    expect(listed.stdout).toMatch(/^ara\s+Arabic {2}\(not installed: exhibit ocr-languages add CODE\.traineddata\)$/m);

    const bad = path.join(dir, 'ara.traineddata');
    fs.writeFileSync(bad, 'not a pack');
    const refused = exhibit(['--case', caseDir, '--json', 'ocr-languages', 'add', bad], { HOME: home });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr.trim())).toMatchObject({ error: { code: 'unsupported-file', subject: bad } });
    expect(exhibit(['--case', caseDir, 'ocr-languages', 'add'], { HOME: home }).code).toBe(2);
  }, 60_000);
});
