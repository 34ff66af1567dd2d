/**
 * The type of a document, told by its CONTENT (magic bytes), never by the type the client claims or by the
 * file name: a station's upload is only ever served back as one of these types, so that nothing uploaded can
 * run as a page in the browser of whoever opens the case file.
 */

/**
 * The media types a case document may have: what scanners, phones (iPhone photos are HEIC, its videos
 * QuickTime; call recorders and messengers write AMR, M4A, Ogg and MP3), body cameras and CCTV exports (MP4,
 * AVI, Matroska) write. Never anything a browser would run: documents are only ever served as attachments.
 */
export const documentMediaTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'video/3gpp',
  'video/3gpp2',
  'video/x-msvideo',
  'video/webm',
  'video/x-matroska',
  'audio/mp4',
  'audio/mpeg',
  'audio/ogg',
  'audio/amr',
  'audio/amr-wb',
  'audio/wav',
  'text/plain',
] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/**
 * ISO base-media files (the first box is `ftyp`) by their major brand. HEIF's generic brands (`mif1`) are told
 * apart by the compatible brands that follow; brands not listed (audio books, DRM, JPEG 2000) are refused.
 */
const ISO_BRANDS: ReadonlyMap<string, DocumentMediaType> = new Map([
  ...[
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
  ].map((brand) => [brand, 'video/mp4'] as const),
  ['qt  ', 'video/quicktime'],
  ...['3gp4', '3gp5', '3gp6', '3gp7', '3ge6', '3ge7', '3gg6', '3gs7'].map(
    (brand) => [brand, 'video/3gpp'] as const,
  ),
  ...['3g2a', '3g2b', '3g2c'].map((brand) => [brand, 'video/3gpp2'] as const),
  ...['heic', 'heix', 'heim', 'heis'].map((brand) => [brand, 'image/heic'] as const),
  ['avif', 'image/avif'],
  ['mif1', 'image/heif'],
  ['M4A ', 'audio/mp4'],
]);

/** The first atom of a QuickTime movie written before QuickTime files carried an `ftyp` box. */
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide', 'pnot']);

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
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const FTYP = ascii('ftyp');
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
const OGG = ascii('OggS');
const AMR = ascii('#!AMR\n');
const AMR_WB = ascii('#!AMR-WB\n');
const ID3 = ascii('ID3');

const fourCc = (head: Uint8Array, offset: number): string =>
  String.fromCharCode(...head.subarray(offset, offset + 4));
const uint32 = (head: Uint8Array, offset: number): number =>
  new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(offset);

/** An ISO base-media file (MP4, QuickTime, 3GP, HEIF, M4A) by its `ftyp` box's brands. */
function isoBaseMediaType(head: Uint8Array): DocumentMediaType | null {
  if (head.length < 12 || !startsWith(head, FTYP, 4)) return null;
  const boxSize = uint32(head, 0);
  if (boxSize < 16) return null; // size, type, major brand and minor version at least
  const type = ISO_BRANDS.get(fourCc(head, 8)) ?? null;
  if (type !== 'image/heif') return type;
  // A generic HEIF names its coding among the compatible brands, which follow the minor version.
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) {
    const brand = fourCc(head, at);
    if (brand === 'heic' || brand === 'heix') return 'image/heic';
    if (brand === 'avif') return 'image/avif';
  }
  return type;
}

/** A QuickTime movie from before `ftyp`: its first atom is one only movies have, of a plausible size. */
function isOldQuickTime(head: Uint8Array): boolean {
  if (head.length < 8 || !QUICKTIME_ATOMS.has(fourCc(head, 4))) return false;
  const size = uint32(head, 0);
  return size === 0 || size === 1 || size >= 8;
}

/** A RIFF container: WebP, WAV or AVI by its form type. */
function riffType(head: Uint8Array): DocumentMediaType | null {
  if (head.length < 12 || !startsWith(head, RIFF)) return null;
  const form = fourCc(head, 8);
  if (form === 'WEBP') return 'image/webp';
  if (form === 'WAVE') return 'audio/wav';
  if (form === 'AVI ') return 'video/x-msvideo';
  return null;
}

/** A Matroska or WebM file: an EBML header whose DocType (in its first bytes) says which. */
function matroskaType(head: Uint8Array): DocumentMediaType | null {
  if (!startsWith(head, EBML)) return null;
  const header = String.fromCharCode(...head.subarray(4, 64));
  if (header.includes('webm')) return 'video/webm';
  if (header.includes('matroska')) return 'video/x-matroska';
  return null;
}

/**
 * An MP3: an ID3 tag (version 2 to 4), or an MPEG audio frame header — 11 sync bits, then a version, a layer
 * (not the reserved 0, which is AAC's ADTS), a bit rate and a sample rate that are not the reserved values.
 */
function isMp3(head: Uint8Array): boolean {
  const byte = (i: number): number => head[i] ?? 0;
  if (startsWith(head, ID3)) return byte(3) >= 2 && byte(3) <= 4;
  if (head.length < 4 || byte(0) !== 0xff || (byte(1) & 0xe0) !== 0xe0) return false;
  const version = (byte(1) >> 3) & 0x03;
  const layer = (byte(1) >> 1) & 0x03;
  const bitrate = byte(2) >> 4;
  const sampleRate = (byte(2) >> 2) & 0x03;
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && sampleRate !== 0x03;
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
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return 'image/gif';
  if (startsWith(head, OGG)) return 'audio/ogg';
  if (startsWith(head, AMR)) return 'audio/amr';
  if (startsWith(head, AMR_WB)) return 'audio/amr-wb';
  const binary = riffType(head) ?? isoBaseMediaType(head) ?? matroskaType(head);
  if (binary) return binary;
  if (isOldQuickTime(head)) return 'video/quicktime';
  if (isMp3(head)) return 'audio/mpeg';
  const text = createPlainTextCheck();
  const complete = size <= head.length;
  if (text.push(head) && (!complete || text.end())) return 'text/plain';
  return null;
}
