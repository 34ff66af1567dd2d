/**
 * `Content-Disposition: attachment` for a file name (RFC 6266), with the exact name in `filename*` as UTF-8
 * (RFC 5987/8187), so that Persian names survive, and an ASCII-only `filename` for old clients. The name is
 * never trusted to be quoted-string safe: quotes, backslashes and anything outside printable ASCII are replaced
 * in the fallback and percent-encoded in `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  return disposition('attachment', fileName);
}

/** `Content-Disposition: inline`, with the file name as `attachmentDisposition` writes it (for "save as"). */
export function inlineDisposition(fileName: string): string {
  return disposition('inline', fileName);
}

function disposition(type: 'attachment' | 'inline', fileName: string): string {
  // Anything that is not printable ASCII, and the quoted-string specials (and % so that nothing looks encoded).
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** Percent-encodes everything but RFC 5987's `attr-char` (encodeURIComponent leaves `'()*` bare). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
