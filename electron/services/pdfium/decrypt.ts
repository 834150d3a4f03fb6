/**
 * Encrypted PDFs opened with PDFium and written back without their encryption, for outputs
 * that copy pages with pdf-lib (which can neither decrypt nor parse encrypted object
 * streams). Only the security is removed: every object is written as it was, decrypted,
 * so the pages keep their content, resources and user space. The bytes given are never
 * written to; the decrypted copy lives in memory only, never on disk here.
 */
import { ExhibitError } from '../../../shared/errors.ts';
import { heapOf, pdfium, type Pdfium } from './pdfium.ts';

/** FPDF_GetLastError's answers (fpdfview.h). */
const FPDF_ERR_FILE = 2;
const FPDF_ERR_FORMAT = 3;
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;
/** FPDF_SaveAsCopy's flag that writes the document without its security handler. */
const FPDF_REMOVE_SECURITY = 3;

const WHITESPACE_OR_DELIMITER = new Set([0, 9, 10, 12, 13, 32, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const ENCRYPT = Buffer.from('/Encrypt', 'latin1');

/**
 * Whether the PDF names an encryption dictionary: an /Encrypt key (not /EncryptMetadata)
 * anywhere in the file. Trailers and cross-reference stream dictionaries are never
 * compressed, so the key is always in plain sight when the file is encrypted; a match in
 * some uncompressed content instead costs only a needless trip through PDFium, which
 * opens an unencrypted file with any password. A scan of the bytes, no parsing.
 */
export function isEncryptedPdf(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buf.indexOf(ENCRYPT); at >= 0; at = buf.indexOf(ENCRYPT, at + ENCRYPT.length)) {
    const next = buf[at + ENCRYPT.length];
    if (next === undefined || WHITESPACE_OR_DELIMITER.has(next)) return true;
  }
  return false;
}

export interface Unlocked {
  /** The password that opened it ('' when none was needed: an owner password alone). */
  password: string;
  pages: number;
  /** The decrypted PDF, when asked for. */
  bytes: Uint8Array | null;
}

/**
 * Open an encrypted PDF with the first of `passwords` that does (an empty one is tried
 * first: a file with only an owner password opens without one) and, when `write` is set,
 * write it decrypted. Throws 'password-required' when no password was given,
 * 'password-incorrect' when none given opens it, 'invalid-pdf' for a damaged file,
 * 'unsupported-file' for an encryption PDFium does not know. Messages name no file: the
 * caller says which.
 */
export async function unlockPdf(bytes: Uint8Array, passwords: readonly string[], write: boolean): Promise<Unlocked> {
  const p = await pdfium();
  const heap = heapOf(p);
  const ptr = heap.wasmExports.malloc(bytes.byteLength);
  if (!ptr) throw new ExhibitError('internal', `PDFium could not take a PDF of ${bytes.byteLength} bytes into its memory`);
  try {
    heap.HEAPU8.set(bytes, ptr);
    for (const password of ['', ...passwords.filter((x) => x !== '')]) {
      const doc = p.FPDF_LoadMemDocument(ptr, bytes.byteLength, password);
      if (doc) {
        try {
          return { password, pages: p.FPDF_GetPageCount(doc), bytes: write ? saveDecrypted(p, doc) : null };
        } finally {
          p.FPDF_CloseDocument(doc);
        }
      }
      const error = p.FPDF_GetLastError();
      if (error !== FPDF_ERR_PASSWORD) throw openError(error);
    }
  } finally {
    heap.wasmExports.free(ptr);
  }
  const given = passwords.filter((x) => x !== '').length;
  if (given === 0) throw new ExhibitError('password-required', 'the PDF is encrypted and needs its password');
  throw new ExhibitError(
    'password-incorrect',
    given === 1
      ? 'the password given does not open the encrypted PDF'
      : `none of the ${given} passwords given opens the encrypted PDF`,
  );
}

function openError(code: number): ExhibitError {
  if (code === FPDF_ERR_SECURITY) return new ExhibitError('unsupported-file', 'the PDF is encrypted in a way PDFium cannot open');
  if (code === FPDF_ERR_FORMAT || code === FPDF_ERR_FILE)
    return new ExhibitError('invalid-pdf', 'the PDF is damaged: PDFium could not read its structure');
  return new ExhibitError('invalid-pdf', `PDFium could not open the PDF (error ${code})`);
}

/** The open document written without its security handler, copied out of PDFium's memory. */
function saveDecrypted(p: Pdfium, doc: number): Uint8Array {
  const heap = heapOf(p);
  const writer = p.PDFiumExt_OpenFileWriter();
  try {
    if (!p.FPDF_SaveAsCopy(doc, writer, FPDF_REMOVE_SECURITY))
      throw new ExhibitError('invalid-pdf', 'PDFium opened the encrypted PDF but could not write it decrypted');
    const size = p.PDFiumExt_GetFileWriterSize(writer);
    const out = heap.wasmExports.malloc(size);
    if (!out) throw new ExhibitError('internal', `PDFium could not hold the decrypted PDF of ${size} bytes`);
    try {
      p.PDFiumExt_GetFileWriterData(writer, out, size);
      // slice() copies: the heap may move when PDFium grows it next.
      return heap.HEAPU8.slice(out, out + size);
    } finally {
      heap.wasmExports.free(out);
    }
  } finally {
    p.PDFiumExt_CloseFileWriter(writer);
  }
}
