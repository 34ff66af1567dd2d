import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code as an SVG data URL, drawn locally (no external service; the node may be offline):
 * vector, so that it prints sharply at any size.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The QR code of a text, drawn in the browser. */
export function QrImage({
  text,
  alt,
  className,
  testId,
}: {
  text: string;
  alt: string;
  className: string;
  testId: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void qrSvgDataUrl(text).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text]);
  if (!src) return <div className={className} aria-busy="true" />;
  return <img className={className} src={src} alt={alt} data-testid={testId} />;
}
