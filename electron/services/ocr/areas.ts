/**
 * Pictures of areas of a page, for the reports of area highlights: a PDF page is drawn by
 * pdf.js (render.ts), a page of an image file is cut from its pixels as displayed and
 * scaled to the resolution asked. Either way the picture is the area as the reviewer saw
 * it. Like reading a page, drawing one decodes whatever images it holds, so this runs in
 * a worker of the recognition lane (workers/ocr-worker.ts), under its time and memory
 * budget, whenever the engine has a pool.
 */
import { describeImage, pageFailure } from '../ingest/image/describe.ts';
import { decodePage } from '../ingest/image/page.ts';
import { MAX_SIDE_PX } from './image-size.ts';
import { renderPdfRegions, type PageRegion, type RenderedRegion } from './render.ts';

export interface AreasRequest {
  /** 'pdf': page `page` of a PDF; 'image': page `page` of a PNG, JPEG or TIFF file. */
  source: 'pdf' | 'image';
  /** 0-based. */
  page: number;
  /** Regions in points from the top-left corner of the page as displayed. */
  regions: PageRegion[];
  dpi: number;
  password: string | null;
}

/** Draw the regions of one page of `bytes` (a PDF, or an image file named `fileName`), each to a PNG. */
export async function drawPageAreas(bytes: Uint8Array, fileName: string, req: AreasRequest): Promise<RenderedRegion[]> {
  if (req.source === 'pdf')
    return renderPdfRegions(bytes, req.page, req.regions, { dpi: req.dpi, password: req.password ?? undefined });
  const description = await describeImage(bytes, { fileName, checkPixels: false });
  const { image, widthPx, heightPx } = decodePage(bytes, description, req.page);
  // decodePage refused a page the file does not have.
  const facts = description.pages[req.page]!;
  const perPtX = widthPx / facts.widthPt;
  const perPtY = heightPx / facts.heightPt;
  const out: RenderedRegion[] = [];
  for (const r of req.regions) {
    const left = Math.min(widthPx - 1, Math.max(0, Math.floor(r.x * perPtX)));
    const top = Math.min(heightPx - 1, Math.max(0, Math.floor(r.y * perPtY)));
    const width = Math.max(1, Math.min(widthPx - left, Math.round(r.width * perPtX)));
    const height = Math.max(1, Math.min(heightPx - top, Math.round(r.height * perPtY)));
    // The picture at the resolution asked, as a PDF page's would be, never wider than a page drawn for reading.
    const scale = Math.min(req.dpi / 72, MAX_SIDE_PX / Math.max(r.width, r.height));
    const outW = Math.max(1, Math.round(r.width * scale));
    const outH = Math.max(1, Math.round(r.height * scale));
    try {
      const png = await image
        .clone()
        .extract({ left, top, width, height })
        .resize(outW, outH, { fit: 'fill', kernel: 'lanczos3' })
        .png({ compressionLevel: 6 })
        .toBuffer();
      out.push({ png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), widthPx: outW, heightPx: outH });
    } catch (err) {
      throw pageFailure(description, req.page, err);
    }
  }
  return out;
}
