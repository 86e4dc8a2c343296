// Internal to the public card pages: QR codes of a card URL (the qrcode package renders SVG and PNG).
import QRCode from 'qrcode';

/**
 * Error correction M (15 % of the symbol recoverable) keeps a ~60-character URL at version 4 (33×33 modules), which
 * phone cameras read from a screen or a print; the four-module quiet zone is what ISO/IEC 18004 asks for.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4, color: { dark: '#111827', light: '#ffffff' } } as const;

/** SVG of the QR code of `url` (no width: it scales to its container). */
export async function qrSvg(url: string): Promise<string> {
  return await QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** PNG of the QR code of `url`, 10 pixels per module. */
export async function qrPng(url: string): Promise<Buffer> {
  return await QRCode.toBuffer(url, { ...OPTIONS, type: 'png', scale: 10 });
}
