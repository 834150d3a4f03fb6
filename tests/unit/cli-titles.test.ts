import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exhibit, tempDir, writeFile, writePdf } from './helpers.ts';

describe('exhibit listings with two documents of one title', () => {
  it('tell them apart by date, or by a short hash, in documents, highlights, search, matrix and response-map', () => {
    const dir = tempDir();
    const caseDir = path.join(dir, 'case');
    const home = tempDir('exhibit-home-');
    const c = (...args: string[]) => exhibit(['--case', caseDir, ...args], { HOME: home });
    const letter = (name: string, creationDate: string, line: string) =>
      writePdf(dir, name, { info: { title: 'Letter to the Rapporteurs', creationDate }, pages: [{ lines: [line] }] });
    c('init', caseDir);
    const docs = c(
      '--json',
      'import',
      letter('a/letter.pdf', 'D:20210805090000Z', 'We reject the report.'),
      letter('b/letter.pdf', 'D:20220110090000Z', 'We reject the second report.'),
      writeFile(dir, 'c/reply.txt', 'First reply: no comment.'),
      writeFile(dir, 'd/reply.txt', 'Second reply: no comment at all.'),
    ).lines();
    const [august, january, one, two] = docs;
    const short = (d: { sha256: string }) => d.sha256.slice(0, 8);
    const want = [
      'Letter to the Rapporteurs (2021-08-05)',
      'Letter to the Rapporteurs (2022-01-10)',
      `reply (sha256 ${short(one)})`,
      `reply (sha256 ${short(two)})`,
    ];

    const listed = c('documents').stdout;
    for (const t of want) expect(listed).toContain(t);
    const json = c('--json', 'documents').lines();
    expect(json.find((d) => d.documentId === august.documentId)).toMatchObject({
      title: 'Letter to the Rapporteurs',
      displayTitle: want[0],
      date: '2021-08-05',
    });

    c('highlight', 'add', '--doc', january.documentId, '--page', '1', '--quote', 'second report');
    c('highlight', 'add', '--doc', two.documentId, '--page', '1', '--quote', 'no comment at all');
    const highlights = c('highlights').stdout;
    expect(highlights).toContain(`${want[1]}  p.1`);
    expect(highlights).toContain(`${want[3]}  p.1`);

    // Search hits name their document as the listings do, in text and JSON alike.
    const found = c('search', 'reject').stdout;
    expect(found).toContain(`${want[0]} — page 1`);
    expect(found).toContain(`${want[1]} — page 1`);
    expect(
      new Set(
        c('--json', 'search', 'comment')
          .lines()
          .map((h) => h.title),
      ),
    ).toEqual(new Set([want[2], want[3]]));

    c('allegation', 'add', '--title', 'The findings were rejected');
    const matrix = c('matrix').stdout;
    for (const t of want) expect(matrix).toContain(`A1    ${t}: no passages`);
    expect(c('response-map', '--doc', one.documentId).stdout).toContain(`How "${want[2]}" answers each allegation:`);
  });
});
