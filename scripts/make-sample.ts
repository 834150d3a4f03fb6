/**
 * Writes the sample case's PDF (resources/sample/): a short, entirely fictional NGO report
 * that the sample letter answers. Run with `node scripts/make-sample.ts` after changing the
 * text; the PDF is committed so the app and its tests need no build step to have it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPdf, type LineSpec, type PageSpec } from '../tests/fixtures/pdf-builder.ts';

const out = fileURLToPath(new URL('../resources/sample/Lanternwatch - Silent Harbour report.pdf', import.meta.url));

const BODY = 11;
// Helvetica at 11 pt averages about 5 pt a character; 92 keeps lines inside 1-inch margins.
const WIDTH = 92;

/** Wrap a paragraph into lines of at most WIDTH characters, then a blank line after it. */
function para(text: string): LineSpec[] {
  const lines: LineSpec[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push({ text: line });
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push({ text: line });
  lines.push({ text: '' });
  return lines;
}
const heading = (text: string): LineSpec[] => [
  { text, bold: true, size: 13 },
  { text: '', size: 6 },
];
const page = (...parts: LineSpec[][]): PageSpec => ({ lines: parts.flat(), fontSize: BODY });

const notice = [
  { text: 'FICTIONAL SAMPLE DOCUMENT - written for the Exhibit sample case.', size: 9 },
  { text: 'Every person, company, organisation, place and domain named here is invented.', size: 9 },
  { text: '' },
];

const pages: PageSpec[] = [
  page(
    notice,
    [
      { text: 'LANTERNWATCH RESEARCH UNIT', bold: true, size: 10 },
      { text: 'Report 2024/01 - published 10 January 2024', size: 10 },
      { text: '', size: 30 },
      { text: 'Silent Harbour', bold: true, size: 28 },
      { text: 'NIGHTJAR spyware used against journalists in Veloria', size: 15 },
      { text: '', size: 30 },
    ],
    heading('Summary'),
    para(
      'Between March and September 2023, the mobile phones of three Velorian journalists were infected with ' +
        'spyware that we identify, with high confidence, as NIGHTJAR, a product sold by Corvane Systems Ltd of ' +
        'Port Aldren, Estmark. Each of the journalists had reported on the award of public contracts to ' +
        'companies close to the Velorian government.',
    ),
    para(
      'We attribute the operation to a Velorian government customer, most likely the Directorate for Internal ' +
        'Security (DNSI). Public export records show that Corvane Systems was licensed in 2021 to export NIGHTJAR ' +
        'to an unnamed agency in Veloria.',
    ),
    para(
      'We call on Corvane Systems to suspend its support for the Velorian licence, and on the Estmark Export ' +
        'Control Office to review the licence it granted.',
    ),
  ),
  page(
    heading('1. The journalists targeted'),
    para(
      'Mira Solenko is an investigative reporter at the Veloria Ledger. Her phone showed signs of infection on ' +
        'at least four occasions between 14 March and 2 May 2023. She had published a series on road-building ' +
        'contracts in the northern provinces weeks earlier.',
    ),
    para(
      'Tomas Arvel edits the independent radio programme Open Line. A forensic copy of his phone contained a ' +
        'process name and a configuration file that match NIGHTJAR samples we analysed in 2022. The first ' +
        'infection we can date took place on 19 June 2023.',
    ),
    para(
      'Ines Karrow is a freelance journalist who covers the ports. She received eleven text messages with ' +
        'links to domains in the NIGHTJAR infrastructure between July and September 2023; one of them led to ' +
        'a successful infection on 6 September 2023.',
    ),
    para('All three journalists consented to the forensic examination of their devices and to being named in this report.'),
  ),
  page(
    heading('2. Infrastructure and attribution'),
    para(
      'The links sent to the journalists used 23 domains, among them update-sync.example, cdn-relay.example and ' +
        'ledger-news.example. The servers behind them shared a distinctive TLS certificate pattern and responded ' +
        'to probes exactly as the NIGHTJAR servers documented in our 2022 research.',
    ),
    para(
      'We found no evidence that any other spyware product uses this combination of indicators. On this basis we ' +
        'attribute the infections to NIGHTJAR with high confidence. Corvane Systems states that it only sells ' +
        'NIGHTJAR to governments.',
    ),
    para(
      'The operator of the servers appears to be located in Veloria: the infrastructure was only reachable from ' +
        'Velorian networks, and the timing of the messages follows Velorian office hours. Export licence ' +
        'EX-2021-0448, listed in the Estmark export register, covers NIGHTJAR for an agency in Veloria.',
    ),
  ),
  page(
    heading('3. The company and the authorities'),
    para(
      'On 4 December 2023 we wrote to Corvane Systems with a summary of our findings and an invitation to respond ' +
        'before publication. The company did not reply by our deadline of 3 January 2024. We also wrote to the ' +
        'Velorian Ministry of the Interior, which has not responded.',
    ),
    heading('4. Recommendations'),
    para('To Corvane Systems: suspend all support and updates for the Velorian licence and notify the journalists concerned.'),
    para('To the Estmark Export Control Office: review licence EX-2021-0448 and publish the grounds on which it was granted.'),
    para(
      'To the Government of Veloria: open an independent investigation into the targeting of journalists and ' +
        'stop any use of spyware against the press.',
    ),
  ),
  page(
    heading('Annex: method'),
    para(
      'Devices were examined with consent, from full file-system images taken by Lanternwatch staff. Network ' +
        'indicators were collected by scanning for the certificate pattern described in section 2 between ' +
        'October and December 2023. All indicators are published with this report.',
    ),
    para('This report was reviewed by two external researchers before publication.'),
  ),
];

fs.writeFileSync(
  out,
  buildPdf({
    pages,
    info: {
      title: 'Silent Harbour: NIGHTJAR spyware used against journalists in Veloria',
      author: 'Lanternwatch Research Unit',
      subject: 'Fictional sample report for Exhibit',
      creationDate: 'D:20240110090000Z',
    },
    // A cover page numbered i, then the report from 1, as printed reports are.
    pageLabels: [
      { start: 0, style: 'r' },
      { start: 1, style: 'D' },
    ],
  }),
);
console.log(`make-sample: wrote ${out}`);
