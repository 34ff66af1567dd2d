import QRCode from 'qrcode';

/**
 * The public tracking page of this same node for a tracking code (`https://node/#/track?code=…`).
 * The national ID is never in it: the complainant types it, so that a lost receipt reveals nothing.
 */
export function trackingUrl(origin: string, trackingCode: string): string {
  return `${origin}/#/track?code=${encodeURIComponent(trackingCode)}`;
}

/**
 * A QR code as an SVG data URL, drawn locally (no external service; the node may be offline):
 * vector, so that it prints sharply at any size.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
