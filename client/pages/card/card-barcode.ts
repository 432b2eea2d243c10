/**
 * The card number as an SVG barcode in the library's symbology (policy `card.barcode`), drawn by
 * bwip-js. Its own module, imported only by 利用者カード when it has a number to draw: the
 * encoders (~60 KB gz with their font data) never reach another page's load. Only the four
 * encoders the policy allows are imported from bwip-js's generic entry, so the bundle holds those
 * four and not the hundred others.
 */
import { code128, code39, drawingSVG, qrcode, rationalizedCodabar, type RenderOptions } from 'bwip-js/generic';
import type { CardBarcode } from '../../../common/api.ts';

type Encoder = (opts: RenderOptions, drawing: ReturnType<typeof drawingSVG>) => string;

interface Symbology {
  /** bwip-js's name of the symbology. */
  bcid: string;
  encode: Encoder;
  /** What the symbol carries for a card number (NW-7 needs start and stop characters). */
  text: (cardNumber: string) => string;
  /** Bar height in mm (1D) or nothing (QR is square). */
  height?: number;
}

/**
 * NW-7 (Codabar) as library cards print it: start and stop character A around the digits; the
 * number is encoded as it is, with whatever check digit the library's numbers carry.
 */
export const SYMBOLOGIES: Record<CardBarcode, Symbology> = {
  codabar: { bcid: 'rationalizedCodabar', encode: rationalizedCodabar, text: (n) => `A${n}A`, height: 15 },
  code39: { bcid: 'code39', encode: code39, text: (n) => n, height: 15 },
  code128: { bcid: 'code128', encode: code128, text: (n) => n, height: 15 },
  qrcode: { bcid: 'qrcode', encode: qrcode, text: (n) => n },
};

/**
 * Black on white with a quiet zone, whatever the page's palette (a scanner needs the contrast);
 * no human-readable line in the symbol: the page shows the digits large beneath it.
 */
export function renderOptions(symbology: CardBarcode, cardNumber: string): RenderOptions {
  const s = SYMBOLOGIES[symbology];
  const padding = s.height === undefined ? { paddingwidth: 8, paddingheight: 8 } : { paddingwidth: 12, paddingheight: 4 };
  return {
    bcid: s.bcid,
    text: s.text(cardNumber),
    scale: 3,
    // QR keeps bwip-js's default error correction (M).
    ...(s.height === undefined ? {} : { height: s.height }),
    ...padding,
    backgroundcolor: 'ffffff',
    barcolor: '000000',
  };
}

/** The SVG markup (`<svg viewBox=…>`, no width or height: the page sizes it). Throws when the number cannot be encoded. */
export function cardBarcodeSvg(symbology: CardBarcode, cardNumber: string): string {
  return SYMBOLOGIES[symbology].encode(renderOptions(symbology, cardNumber), drawingSVG());
}
