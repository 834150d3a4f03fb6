/**
 * A query that is not valid search syntax is searched as plain words, and the search pane
 * says so under the results: the same note whether operators do not fit together, stand
 * alone, or come from FTS5 (NEAR, column filters).
 */
import { expect, importFiles, test } from './fixtures.ts';

test('a query that is not valid syntax is searched as plain words, and the pane says so', async ({ page, app }) => {
  const letter = app.writeFile(
    'ngo-report.txt',
    'Forensic analysis found Pegasus infections on the phones of two journalists and one lawyer in Mexico.',
  );
  await app.open();
  await importFiles(page, app, [letter]);

  const search = page.getByRole('searchbox', { name: 'Search the case' });
  const note = page.locator('.search-note');
  const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  const plainWords =
    'The query is not valid search syntax (words, "exact phrases", prefix*, AND/OR/NOT, brackets), so it was searched as plain words.';

  await search.fill('pegasus AND (lawyer');
  await search.press('Enter');
  await expect(note).toHaveText(plainWords);
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('ngo-report');

  await search.fill('title:lawyer');
  await search.press('Enter');
  await expect(page.getByText('No matches for “title:lawyer”')).toBeVisible();
  await expect(note).toHaveText(plainWords);

  // Operators alone found nothing and said nothing before.
  await search.fill('AND OR (');
  await search.press('Enter');
  await expect(page.getByText('No matches for “AND OR (”')).toBeVisible();
  await expect(note).toHaveText(plainWords);

  // A valid query clears the note.
  await search.fill('"two journalists" OR Spain');
  await search.press('Enter');
  await expect(hits).toHaveCount(1);
  await expect(note).toBeHidden();
});
