import { describe, expect, it } from 'vitest';
import { createPlainTextCheck, detectContentType } from './content-type.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Real beginnings of files of each type, as their writers produce them. */
const samples = {
  pdf: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'),
  jpeg: bytes(
    [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
    'JFIF',
    [0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00],
  ),
  jpegExif: bytes([0xff, 0xd8, 0xff, 0xe1, 0x1c, 0x45], 'Exif', [0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a]),
  png: bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d],
    'IHDR',
    [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
  ),
  tiffLittle: bytes([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x0e, 0x00]),
  tiffBig: bytes([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x0e]),
  webp: bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'WEBPVP8 ', [0x18, 0x00, 0x00, 0x00]),
  mp4: bytes(
    [0x00, 0x00, 0x00, 0x20],
    'ftypisom',
    [0x00, 0x00, 0x02, 0x00],
    'isomiso2avc1mp41',
    [0x00, 0x00, 0x00, 0x08],
    'free',
  ),
  mp4Phone: bytes([0x00, 0x00, 0x00, 0x18], 'ftypmp42', [0x00, 0x00, 0x00, 0x00], 'mp42isom'),
  gif87: bytes('GIF87a', [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00]),
  gif89: bytes('GIF89a', [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00]),
  /** An iPhone photo. */
  heic: bytes([0x00, 0x00, 0x00, 0x18], 'ftypheic', [0x00, 0x00, 0x00, 0x00], 'mif1heic'),
  /** A generic HEIF whose compatible brands name HEVC coding (as some Android cameras write). */
  heifHevc: bytes([0x00, 0x00, 0x00, 0x1c], 'ftypmif1', [0x00, 0x00, 0x00, 0x00], 'mif1heicmiaf'),
  heifOther: bytes([0x00, 0x00, 0x00, 0x18], 'ftypmif1', [0x00, 0x00, 0x00, 0x00], 'mif1miaf'),
  avif: bytes([0x00, 0x00, 0x00, 0x1c], 'ftypavif', [0x00, 0x00, 0x00, 0x00], 'avifmif1miaf'),
  /** An iPhone video. */
  quickTime: bytes([0x00, 0x00, 0x00, 0x14], 'ftypqt  ', [0x00, 0x00, 0x02, 0x00], 'qt  '),
  quickTimeOld: bytes([0x00, 0x00, 0x00, 0x08], 'wide', [0x00, 0x12, 0x34, 0x56], 'mdat'),
  threeGp: bytes([0x00, 0x00, 0x00, 0x18], 'ftyp3gp4', [0x00, 0x00, 0x02, 0x00], '3gp4isom'),
  threeG2: bytes([0x00, 0x00, 0x00, 0x14], 'ftyp3g2a', [0x00, 0x00, 0x00, 0x00], '3g2a'),
  m4a: bytes([0x00, 0x00, 0x00, 0x1c], 'ftypM4A ', [0x00, 0x00, 0x00, 0x00], 'M4A isommp42'),
  /** A CCTV export. */
  avi: bytes('RIFF', [0x24, 0x10, 0x00, 0x00], 'AVI LIST', [0x00, 0x00, 0x00, 0x00]),
  wav: bytes('RIFF', [0x24, 0x08, 0x00, 0x00], 'WAVEfmt ', [0x10, 0x00, 0x00, 0x00]),
  webm: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', [0x42, 0x87]),
  mkv: bytes(
    [0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88],
    'matroska',
    [0x42, 0x87],
  ),
  /** A messenger's voice note (Opus in Ogg). */
  ogg: bytes('OggS', [0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], 'OpusHead'),
  /** A phone's call recorder. */
  amr: bytes('#!AMR\n', [0x3c, 0x91, 0x17, 0x16]),
  amrWb: bytes('#!AMR-WB\n', [0x24, 0x00, 0x00, 0x00]),
  mp3Tagged: bytes('ID3', [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23], 'TSSE'),
  /** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no tag. */
  mp3Frame: bytes([0xff, 0xfb, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00]),
};

describe('telling a document\u2019s type by its content', () => {
  it.each([
    ['a PDF', samples.pdf, 'application/pdf'],
    ['a JFIF JPEG', samples.jpeg, 'image/jpeg'],
    ['an Exif JPEG from a phone camera', samples.jpegExif, 'image/jpeg'],
    ['a PNG', samples.png, 'image/png'],
    ['a little-endian TIFF (II*\\0) from a scanner', samples.tiffLittle, 'image/tiff'],
    ['a big-endian TIFF (MM\\0*)', samples.tiffBig, 'image/tiff'],
    ['a WebP', samples.webp, 'image/webp'],
    ['an MP4 of brand isom', samples.mp4, 'video/mp4'],
    ['an MP4 of brand mp42', samples.mp4Phone, 'video/mp4'],
    ['a GIF87a', samples.gif87, 'image/gif'],
    ['a GIF89a', samples.gif89, 'image/gif'],
    ['an iPhone photo (HEIC)', samples.heic, 'image/heic'],
    ['a generic HEIF that names HEVC among its brands', samples.heifHevc, 'image/heic'],
    ['a generic HEIF of another coding', samples.heifOther, 'image/heif'],
    ['an AVIF', samples.avif, 'image/avif'],
    ['an iPhone video (QuickTime, brand qt)', samples.quickTime, 'video/quicktime'],
    ['a QuickTime movie from before ftyp (wide, mdat)', samples.quickTimeOld, 'video/quicktime'],
    ['a 3GP video from an older phone', samples.threeGp, 'video/3gpp'],
    ['a 3G2 video', samples.threeG2, 'video/3gpp2'],
    ['an AVI exported from a CCTV recorder', samples.avi, 'video/x-msvideo'],
    ['a WebM', samples.webm, 'video/webm'],
    ['a Matroska video', samples.mkv, 'video/x-matroska'],
    ['an M4A recording', samples.m4a, 'audio/mp4'],
    ['a WAV recording', samples.wav, 'audio/wav'],
    ['a messenger voice note (Ogg)', samples.ogg, 'audio/ogg'],
    ['a call recording (AMR)', samples.amr, 'audio/amr'],
    ['a wide-band call recording (AMR-WB)', samples.amrWb, 'audio/amr-wb'],
    ['an MP3 with an ID3 tag', samples.mp3Tagged, 'audio/mpeg'],
    ['an MP3 that starts with its first frame', samples.mp3Frame, 'audio/mpeg'],
  ])('recognises %s', (_name, head, type) => {
    expect(detectContentType(head)).toBe(type);
  });

  it('recognises plain text in Persian and English, with tabs, CRLF line ends and a byte-order mark', () => {
    expect(detectContentType(utf8('\ufeffگزارش\u200cها\tشماره ۱۲\r\nReport no. 12\n'))).toBe('text/plain');
  });

  it.each([
    ['an HTML page', utf8('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
    ['HTML without a doctype, after blank lines', utf8('\n\n   <html><body>hi</body></html>')],
    ['HTML in capitals', utf8('<HTML><BODY onload="x()">')],
    ['a tag at the start (as browsers sniff)', utf8('<a href="javascript:alert(1)">click</a>')],
    ['an SVG', utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['XML', utf8('<?xml version="1.0"?><root/>')],
    ['text hiding a script a few lines in', utf8('report\nline two\n<script>fetch("/api")</script>')],
    [
      'a Windows program (MZ)',
      bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]),
    ],
    ['a ZIP', bytes('PK', [0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])],
    ['an ELF program', bytes([0x7f], 'ELF', [0x02, 0x01, 0x01, 0x00])],
    ['a GIF of an unknown version', bytes('GIF90a', [0x01, 0x00, 0x01, 0x00])],
    ['an ftyp box too short to be one', bytes([0x00, 0x00, 0x00, 0x08], 'ftypisom')],
    [
      'an ISO base-media file of a brand not listed (JPEG 2000)',
      bytes([0, 0, 0, 0x14], 'ftypjp2 ', [0, 0, 0, 0], 'jp2 '),
    ],
    ['a RIFF that is none of WebP, WAV and AVI', bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'CDXAfmt ')],
    [
      'an EBML file that is neither Matroska nor WebM',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x84], 'abcd'),
    ],
    ['an AAC stream (ADTS: MPEG sync with layer 0)', bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc])],
    ['MPEG sync bits with a reserved bit rate', bytes([0xff, 0xfb, 0xf0, 0x64])],
    ['an ID3 tag of an unknown version', bytes('ID3', [0x09, 0x00])],
    ['text with a NUL byte', utf8('report\u0000.exe')],
    ['text with an escape sequence', utf8('report \u001b[2J')],
    ['text with a C1 control character', utf8('report \u0085 next')],
    ['invalid UTF-8', bytes('caf', [0xe9, 0x20], 'au lait')],
    ['an empty file', new Uint8Array(0)],
  ])('refuses %s', (_name, head) => {
    expect(detectContentType(head)).toBeNull();
  });

  it('does not hold a character cut in two against a head that is only the start of a longer text', () => {
    const text = utf8('گزارش');
    const head = text.subarray(0, text.length - 1);
    expect(detectContentType(head, text.length + 100)).toBe('text/plain');
    expect(detectContentType(head, head.length)).toBeNull();
  });
});

describe('checking a long text chunk by chunk', () => {
  it('accepts valid UTF-8 split anywhere, even inside a character', () => {
    const text = utf8('بازجویی از متهم\n'.repeat(500));
    const check = createPlainTextCheck();
    for (let i = 0; i < text.length; i += 777) expect(check.push(text.subarray(i, i + 777))).toBe(true);
    expect(check.end()).toBe(true);
  });

  it('refuses a text that turns binary after its first chunk', () => {
    const check = createPlainTextCheck();
    expect(check.push(utf8('a plain beginning\n'.repeat(300)))).toBe(true);
    expect(check.push(bytes([0x00, 0x01, 0x02]))).toBe(false);
    expect(check.end()).toBe(false);
  });

  it('refuses a text that ends in the middle of a character', () => {
    const check = createPlainTextCheck();
    expect(check.push(utf8('گ').subarray(0, 1))).toBe(true);
    expect(check.end()).toBe(false);
  });
});
