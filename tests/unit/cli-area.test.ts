/**
 * `exhibit highlight add --rect X,Y,W,H`: an area of a page from the command line, in points
 * from the top-left of the page as shown, printing its id and the words inside it as its
 * quote; a malformed --rect is a usage error naming the field, an area off the page is
 * refused naming the page and its size, and neither writes anything. `exhibit report
 * --format md` writes the area's picture beside the report it links it from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRect } from '../../electron/cli/highlight-commands.ts';
import { UsageError } from '../../electron/cli/command.ts';
import { exhibit, tempDir, writePdf } from './helpers.ts';

const LINES = [
  'The Ministry acknowledges receipt of your letter',
  'concerning the surveillance contract of June 2019.',
  'We deny that any export licence was granted.',
];

function cli() {
  const dir = tempDir();
  const caseDir = path.join(dir, 'case');
  const home = tempDir('exhibit-home-');
  const pdf = writePdf(dir, 'ministry.pdf', { pages: [{ lines: LINES }] });
  const c = (...args: string[]) => exhibit(['--case', caseDir, '--json', ...args], { HOME: home });
  expect(c('init', caseDir).code).toBe(0);
  const [doc] = c('import', pdf).lines();
  return { dir, c, documentId: doc.documentId as string };
}

// Each call is a process of its own that opens the case: seconds apiece on a busy machine.
describe('exhibit highlight add --rect', { timeout: 180_000 }, () => {
  it('highlights an area and prints its id and the words inside it', () => {
    const { c, documentId } = cli();
    // Lines 2 and 3 whole (12 pt lines from 72 pt down, 15.6 pt apart), and the page's right margin.
    const r = c('highlight', 'add', '--doc', documentId.slice(0, 8), '--page', '1', '--rect', '60,80,500,30', '--color', 'blue');
    expect(r.code, r.stderr).toBe(0);
    const [printed] = r.lines();
    expect(printed).toEqual({
      highlightId: expect.any(String),
      documentId,
      page: 1,
      pages: [1],
      area: { x: 60, y: 80, width: 500, height: 30 },
      quote: `${LINES[1]}\n${LINES[2]}`,
    });
    const [listed] = c('highlights').lines();
    expect(listed).toMatchObject({ highlightId: printed.highlightId, quote: printed.quote, color: 'blue', anchor: 'ok' });
  });

  it('refuses a malformed --rect as a usage error naming the field, and an area off the page naming its size; writes nothing', () => {
    const { c, documentId } = cli();
    const add = (rect: string, ...more: string[]) =>
      c('highlight', 'add', '--doc', documentId, '--page', '1', '--rect', rect, ...more);
    // Each field's own message is checked on parseRect below; here, that they reach the command line as usage errors.
    const usage: [string, string][] = [
      ['60,80,200', '--rect takes X,Y,W,H: four numbers of points from the top-left corner of the page as shown'],
      ['-5,80,10,10', '--rect X (the left edge) must be 0 or more, not -5'],
    ];
    for (const [rect, said] of usage) {
      const r = add(rect);
      expect(r.code, rect).toBe(2);
      expect(r.stderr, rect).toContain(said);
    }
    const both = add('60,80,200,30', '--quote', 'Ministry');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('highlight add takes --quote TEXT or --rect X,Y,W,H, not both');
    const outside = add('500,700,200,50');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain(
      'The area 500,700,200,50 (x,y,width,height) reaches outside page 1, which is 612 x 792 points as shown',
    );
    expect(c('highlights').stdout).toBe('');
  });

  it('names the field of --rect that is wrong', () => {
    const wrong = (rect: string) => {
      try {
        parseRect(rect);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error(`--rect ${rect} was accepted`);
    };
    expect(wrong('60,80,200')).toBe(
      '--rect takes X,Y,W,H: four numbers of points from the top-left corner of the page as shown, separated by commas, not "60,80,200"',
    );
    expect(wrong('60,80,wide,30')).toContain('separated by commas, not "60,80,wide,30"');
    expect(wrong('60,80,,30')).toContain('not "60,80,,30"');
    expect(wrong('-5,80,10,10')).toBe('--rect X (the left edge) must be 0 or more, not -5');
    expect(wrong('5,-80,10,10')).toBe('--rect Y (the top edge) must be 0 or more, not -80');
    expect(wrong('60,80,0,30')).toBe('--rect W (the width) must be more than 0, not 0');
    expect(wrong('60,80,20,-3')).toBe('--rect H (the height) must be more than 0, not -3');
    expect(parseRect(' 60, 80.5,200 ,30')).toEqual({ x: 60, y: 80.5, width: 200, height: 30 });
  });

  it('writes the picture of an area beside a Markdown report that links it', () => {
    const { dir, c, documentId } = cli();
    const [h] = c('highlight', 'add', '--doc', documentId, '--page', '1', '--rect', '60,80,500,30').lines();
    const out = path.join(dir, 'reports', 'review.md');
    fs.mkdirSync(path.dirname(out));
    const r = c('report', '--format', 'md', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const name = `areas/${h.highlightId}-1.png`;
    expect(fs.readFileSync(out, 'utf8')).toContain(`![Area on p. 1](${name})`);
    const png = fs.readFileSync(path.join(dir, 'reports', name));
    // 500 x 30 points at 150 dpi.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1042, 63]);
  });
});
