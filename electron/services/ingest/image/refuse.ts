/**
 * How an image file is refused: an ExhibitError whose message starts with the file's name
 * and says what is wrong in a reviewer's words, with the decoder's own words in brackets
 * when they help someone who knows image formats.
 */
import { ExhibitError, type ErrorCode } from '../../../../shared/errors.ts';

/** The error for `fileName`, with `what` saying what is wrong with it. */
export function refuse(code: ErrorCode, fileName: string, what: string): ExhibitError {
  return new ExhibitError(code, `${fileName}: ${what}`, fileName);
}

/**
 * Turn an error thrown by sharp (libvips) while reading `fileName` into one a reviewer can
 * act on. An ExhibitError passes through; libvips' pixel-limit refusal becomes
 * image-too-large; anything else means the image data could not be decoded.
 */
export function decodeFailure(fileName: string, err: unknown): ExhibitError {
  if (err instanceof ExhibitError) return err;
  const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
  if (/pixel limit/i.test(detail))
    return refuse('image-too-large', fileName, `the image is too large to open safely (${detail})`);
  // libvips sometimes has nothing better to say than "Unknown error"; that helps no one.
  const why = detail && !/^unknown error$/i.test(detail) ? ` (${detail})` : '';
  return refuse('invalid-image', fileName, `the image is damaged or cut short and cannot be read${why}`);
}
