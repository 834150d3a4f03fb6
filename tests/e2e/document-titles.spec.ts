/**
 * Two documents with one title, side by side in the app: every place that names a
 * document tells them apart by date when their dates differ, and by the start of their
 * SHA-256 when they do not — the library, the open document's heading and the window's
 * title, search results, the remove and provenance dialogs, the evidence matrix, the
 * unlinked queue, the response-map picker, the export dialog's document list and its
 * progress, and the reports and bag-info.txt of the bundle it writes. The same display
 * titles as the command line.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { callTyped } from '../../electron/services/router.ts';
import { readAll } from '../fixtures/zip.ts';
import { expect, importFiles, test } from './fixtures.ts';

const letter = (creationDate: string | undefined, line: string) => ({
  info: { title: 'Letter to the Rapporteurs', ...(creationDate ? { creationDate } : {}) },
  pages: [{ lines: [line] }],
});
const memo = (line: string) => ({ info: { title: 'Internal memo' }, pages: [{ lines: [line] }] });

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
]) {
  test(`every place that names a document tells two of one title apart (${viewport.width}×${viewport.height})`, async ({
    page,
    app,
  }) => {
    await page.setViewportSize(viewport);
    await app.open();
    const files = [
      app.writePdf('a/letter.pdf', letter('D:20210805090000Z', 'We reject the findings of August.')),
      app.writePdf('b/letter.pdf', letter('D:20220110090000Z', 'We reject the findings of January.')),
      app.writePdf('c/memo.pdf', memo('The shipment left in May.')),
      app.writePdf('d/memo.pdf', memo('The shipment arrived in June.')),
    ];
    await importFiles(page, app, files);
    const short = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 8);
    const titles = [
      'Letter to the Rapporteurs (2021-08-05)',
      'Letter to the Rapporteurs (2022-01-10)',
      `Internal memo (sha256 ${short(files[2]!)})`,
      `Internal memo (sha256 ${short(files[3]!)})`,
    ];

    // The library.
    const library = page.getByRole('table', { name: 'Documents' });
    for (const t of titles) {
      await expect(library.getByRole('button', { name: t, exact: true })).toBeVisible();
      if (viewport.width >= 1280)
        await expect(library.getByRole('button', { name: `Add source… — edit provenance of ${t}`, exact: true })).toBeVisible();
    }
    await app.snap('library');

    // Search results, grouped by document.
    await page.keyboard.press('Control+Shift+F');
    await page.keyboard.type('findings');
    await page.keyboard.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    for (const t of titles.slice(0, 2)) await expect(results.locator('.hit-title', { hasText: t })).toHaveText(t);

    // The open document's heading and the window's title.
    // By keyboard: at 900×700 the selection bar appearing on focus moves the row under a mouse click.
    await library.getByRole('button', { name: titles[1], exact: true }).focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('region', { name: 'Open document' });
    await expect(viewer.getByRole('heading', { name: titles[1], exact: true })).toBeVisible();
    await expect(page).toHaveTitle(`${titles[1]} — case — Exhibit`);
    await app.snap('open-document');
    await viewer.getByRole('button', { name: 'Close document' }).click();

    // The provenance and remove dialogs, and the notice after saving.
    await library.getByRole('button', { name: titles[2], exact: true }).focus();
    await app.menu('edit-provenance');
    const provenance = page.getByRole('dialog', { name: `Provenance: ${titles[2]}` });
    await expect(provenance).toBeVisible();
    await provenance.getByLabel('Notes').fill('Second copy from the registry');
    await provenance.getByRole('button', { name: 'Save provenance' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved provenance' })).toHaveText(
      new RegExp(`Saved provenance of “${titles[2]!.replace(/[()]/g, '\\$&')}”`),
    );
    await app.menu('remove-document');
    const remove = page.getByRole('alertdialog', { name: 'Remove document from the case?' });
    await expect(remove).toContainText(titles[2]!);
    await remove.getByRole('button', { name: 'Cancel' }).click();

    // One allegation, a denial in the August letter linked to it, a passage of the January letter left unlinked.
    await page.keyboard.press('Control+Shift+A');
    await page.getByRole('button', { name: 'Paste list…' }).click();
    await page.getByRole('dialog', { name: 'Paste allegations' }).getByRole('textbox').fill('- The findings were rejected');
    await page.getByRole('button', { name: 'Add allegations' }).click();
    await expect(page.getByRole('list', { name: 'Allegations' }).getByRole('listitem')).toHaveCount(1);
    const router = app.kase.services.router;
    const docs = await callTyped(router, 'documents.list', {});
    const idOf = (file: string) => {
      const sha = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      return docs.find((d) => d.sha256 === sha)!.documentId;
    };
    const denial = await callTyped(router, 'highlights.create', {
      documentId: idOf(files[0]!),
      targets: [{ page: 1, quote: 'We reject the findings of August' }],
    });
    await callTyped(router, 'links.create', { highlightId: denial.highlightId, allegationId: 'A1', stance: 'denies' });
    await callTyped(router, 'highlights.create', {
      documentId: idOf(files[1]!),
      targets: [{ page: 1, quote: 'the findings of January' }],
    });

    // The evidence matrix's columns and cells, and the unlinked queue.
    await page.keyboard.press('Control+Shift+M');
    const matrix = page.getByRole('table', { name: /Evidence matrix/ });
    for (const t of titles) await expect(matrix.getByRole('columnheader', { name: t, exact: true })).toBeVisible();
    await expect(matrix.getByRole('button', { name: `A1 in ${titles[0]}: 1 denies`, exact: true })).toBeVisible();
    await app.snap('matrix');
    await page.getByRole('tab', { name: 'Unlinked' }).click();
    await expect(page.locator('.passage-doc').filter({ hasText: titles[1] })).toHaveText(titles[1]!);

    // The response-map picker.
    await page.getByRole('tab', { name: 'Response map' }).click();
    const picker = page.getByLabel('Response document');
    for (const t of titles) await expect(picker.getByRole('option', { name: t, exact: true })).toHaveCount(1);
    await picker.selectOption({ label: titles[0]! });
    await expect(page.getByRole('status').filter({ hasText: /^Addresses/ })).toHaveText('Addresses all 1 allegations.');

    // The export dialog's document list; a bundle of the two memos names both apart in bag-info.txt.
    await page.keyboard.press('Control+e');
    const exporter = page.getByRole('dialog', { name: 'Export evidence bundle' });
    await exporter.getByRole('radio', { name: /Only the allegations and documents ticked below/ }).check();
    const list = exporter.getByRole('group', { name: 'Documents' });
    for (const t of titles) await expect(list.getByRole('checkbox', { name: t, exact: true })).toBeVisible();
    await app.snap('export-dialog');
    await list.getByRole('checkbox', { name: titles[2], exact: true }).check();
    await list.getByRole('checkbox', { name: titles[3], exact: true }).check();
    const memos = path.join(app.inputDir, 'memos.zip');
    app.saveBundleAs(memos);
    await exporter.getByRole('button', { name: 'Export…' }).click();
    const done = page.getByRole('dialog', { name: 'Bundle exported' });
    await expect(done).toBeVisible();
    const bagInfo = (await readAll(memos)).get('bag-info.txt')!.toString('utf8');
    // Named in the order of their names (files of one import are stored in whichever order they finish).
    const [first, second] = [titles[2]!, titles[3]!].sort((a, b) => a.localeCompare(b));
    expect(bagInfo).toContain(`the documents "${first}", "${second}"`);
    await done.getByRole('button', { name: 'Done' }).click();

    // The whole case: each report's document index, matrix and citations.
    await page.keyboard.press('Control+e');
    const whole = path.join(app.inputDir, 'whole.zip');
    app.saveBundleAs(whole);
    await page.getByRole('dialog', { name: 'Export evidence bundle' }).getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('dialog', { name: 'Bundle exported' })).toBeVisible();
    const bundle = await readAll(whole);
    const md = bundle.get('data/report/report.md')!.toString('utf8');
    const html = bundle.get('data/report/report.html')!.toString('utf8');
    const csv = bundle.get('data/report/links.csv')!.toString('utf8');
    for (const t of titles) {
      // These titles hold nothing Markdown escapes.
      expect(md).toContain(`### ${t}\n`);
      expect(html).toContain(`<h3>${t}</h3>`);
      expect(html).toContain(`<th>${t}</th>`);
    }
    // Columns in the matrix's order: by title, then by the title shown (the letters by date, the memos by hash).
    const columns = [...titles.slice(2).sort(), titles[0], titles[1]];
    expect(md.split('\n').find((l) => l.startsWith('| Allegation |'))).toBe(`| Allegation | ${columns.join(' | ')} |`);
    expect(md).toContain(`— ${titles[0]}, p. 1, SHA-256`);
    expect(csv).toContain(`,${titles[0]},1,`);
    expect(csv).toContain(`,${titles[1]},1,`);
  });
}
