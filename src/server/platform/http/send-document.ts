import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../domain/errors.js';
import type { ByteRange } from '../blob-store/blob-store.js';
import { attachmentDisposition, inlineDisposition } from './content-disposition.js';

/** Types a browser shows by itself without running anything: a PDF (its own viewer), pictures, players, text. */
const VIEWABLE =
  /^(application\/pdf|image\/(jpeg|png|gif|webp|avif)|video\/(mp4|webm)|audio\/(mpeg|mp4|ogg|wav)|text\/plain)$/;

/** Can a document of this type be shown in the page (`disposition=inline`)? Anything else is only downloaded. */
export function isViewableInPage(mediaType: string): boolean {
  return VIEWABLE.test(mediaType);
}

/**
 * The byte range a `Range` header asks of a document of `size` bytes (RFC 9110 §14): one range, `bytes=a-b`,
 * `bytes=a-` or `bytes=-n`; null when there is no header or one this server ignores (several ranges, another
 * unit, a malformed one — the whole document is sent, as the RFC allows); `documents.range_not_satisfiable`
 * when the range starts past the end.
 */
export function byteRangeOf(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, from = '', to = ''] = match;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) throw new AppError('documents.range_not_satisfiable', { details: { size } });
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== '' && Number(to) < start) return null;
  if (start >= size) throw new AppError('documents.range_not_satisfiable', { details: { size } });
  return { start, end };
}

/**
 * Streams a stored document — whole, or the range asked for (206 with `Content-Range`) — shown in the page
 * when asked and its type is one a browser shows by itself, otherwise as a download. Whichever, it never runs
 * as a page: `nosniff`, a sandboxing CSP (scripts, forms, plugins' scripting and same-origin access all off),
 * `Content-Disposition` always present, no caching of personal data, and framed only by the node's own page
 * (the viewer) when shown in it, by nothing otherwise.
 */
export function sendDocument(
  reply: FastifyReply,
  document: { mediaType: string; size: number; name: string },
  content: Readable,
  options: { inline: boolean; range: ByteRange | null },
): FastifyReply {
  const { range } = options;
  const inline = options.inline && isViewableInPage(document.mediaType);
  void reply
    .header(
      'content-type',
      document.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : document.mediaType,
    )
    .header('accept-ranges', 'bytes')
    .header(
      'content-disposition',
      inline ? inlineDisposition(document.name) : attachmentDisposition(document.name),
    )
    .header('x-content-type-options', 'nosniff')
    // Shown in the page means framed by the node's own page (the viewer): by no other site, and still sandboxed.
    .header('content-security-policy', inline ? "sandbox; frame-ancestors 'self'" : 'sandbox')
    .header('x-frame-options', inline ? 'SAMEORIGIN' : 'DENY')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-store');
  if (!range) return reply.header('content-length', String(document.size)).send(content);
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${document.size}`)
    .header('content-length', String(range.end - range.start + 1))
    .send(content);
}
