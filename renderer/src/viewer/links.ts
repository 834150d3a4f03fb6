/**
 * A link service that never lets a PDF navigate the app: internal destinations go
 * through pdf.js as usual, external URLs are handed to `onExternal` for the reviewer
 * to confirm.
 */
import type { PdfJs } from './pdfjs.ts';

export type LinkService = InstanceType<PdfJs['viewer']['PDFLinkService']>;

/** Build a guarded link service class on the loaded pdf.js viewer module. */
export function createLinkService(
  pdfjs: PdfJs,
  eventBus: InstanceType<PdfJs['viewer']['EventBus']>,
  onExternal: (url: string) => void,
): LinkService {
  class GuardedLinkService extends pdfjs.viewer.PDFLinkService {
    override addLinkAttributes(link: HTMLAnchorElement, url: string): void {
      // The real address shows on hover and is read out, but a click only asks.
      link.href = url;
      link.title = `External link: ${url}`;
      link.rel = 'noopener noreferrer nofollow';
      const ask = (e: Event) => {
        e.preventDefault();
        e.stopPropagation();
        onExternal(url);
      };
      link.addEventListener('click', ask);
      link.addEventListener('auxclick', ask);
    }
  }
  // A link moves the reviewer to its page but keeps their zoom: the document does not get to choose it.
  return new GuardedLinkService({ eventBus, ignoreDestinationZoom: true });
}
