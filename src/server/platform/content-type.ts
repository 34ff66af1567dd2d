/**
 * The type of a document, told by its CONTENT (magic bytes), never by the type the client claims or by the
 * file name: a station's upload is only ever served back as one of these types, so that nothing uploaded can
 * run as a page in the browser of whoever opens the case file.
 */

/** The media types a case document may have. */
export const documentMediaTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'video/mp4',
  'text/plain',
] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/**
 * ISO base-media brands accepted as MP4 (what phones, body cameras and CCTV exports write). QuickTime (`qt  `),
 * 3GP and audio-only brands are not MP4 and are refused.
 */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'M4V ',
  'MSNV',
  'dash',
]);

/** Markup that a browser could render or run; refused as "text" wherever it appears in the first KiB. */
const MARKUP_MARKERS = [
  '<html',
  '<!doctype',
  '<svg',
  '<?xml',
  '<script',
  '<head',
  '<body',
  '<iframe',
  '<object',
  '<embed',
  '<!--',
];
const MARKUP_WINDOW = 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const FTYP = ascii('ftyp');

/** An ISO base-media file whose first box is `ftyp` with an MP4 major brand. */
function isMp4(head: Uint8Array): boolean {
  if (head.length < 12 || !startsWith(head, FTYP, 4)) return false;
  const boxSize = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0);
  if (boxSize < 16) return false; // size, type, major brand and minor version at least
  return MP4_BRANDS.has(String.fromCharCode(...head.subarray(8, 12)));
}

/** A C0/C1 control character other than tab, LF and CR (DEL included). */
function isForbiddenControl(codePoint: number): boolean {
  if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) return false;
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * Checks a text stream chunk by chunk (so that a long file is never held whole): valid UTF-8, no NUL and no
 * control character but tab/CR/LF, and no markup at its start. Feed it with `push`, then call `end`.
 */
export function createPlainTextCheck(): { push(chunk: Uint8Array): boolean; end(): boolean } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ok = true;
  let start = '';

  const accept = (text: string): boolean => {
    for (const ch of text) {
      if (isForbiddenControl(ch.codePointAt(0) ?? 0)) return false;
    }
    if (start.length < MARKUP_WINDOW) {
      start += text.slice(0, MARKUP_WINDOW - start.length);
      if (looksLikeMarkup(start)) return false;
    }
    return true;
  };

  return {
    push(chunk: Uint8Array): boolean {
      if (!ok) return false;
      try {
        ok = accept(decoder.decode(chunk, { stream: true }));
      } catch {
        ok = false;
      }
      return ok;
    },
    end(): boolean {
      if (!ok) return false;
      try {
        ok = accept(decoder.decode());
      } catch {
        ok = false;
      }
      return ok;
    },
  };
}

/** HTML, SVG or XML, or anything that opens with a tag the way browsers sniff for it. */
function looksLikeMarkup(text: string): boolean {
  const lower = text.toLowerCase();
  if (/^[\s\ufeff]*<[a-z!?/]/.test(lower)) return true;
  return MARKUP_MARKERS.some((marker) => lower.includes(marker));
}

/**
 * The media type of a document from its first bytes, or null when it is none of the accepted types (an
 * empty file included). `size` is the whole document's size: when the head is only its beginning, a
 * character cut in two at the end of the head is not held against it. For `text/plain`, only the head is
 * checked here; check the rest with `createPlainTextCheck` when the document is longer than its head.
 */
export function detectContentType(head: Uint8Array, size: number = head.length): DocumentMediaType | null {
  if (head.length === 0) return null;
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) return 'image/tiff';
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return 'image/webp';
  if (isMp4(head)) return 'video/mp4';
  const text = createPlainTextCheck();
  const complete = size <= head.length;
  if (text.push(head) && (!complete || text.end())) return 'text/plain';
  return null;
}
