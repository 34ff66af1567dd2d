import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition.js';

/**
 * Streams a stored document to the client as a download, never as a page: `attachment` with its
 * name (RFC 6266), `nosniff`, a sandboxing CSP (even if a browser rendered it, it could run nothing),
 * and no caching of personal data.
 */
export function sendAttachment(
  reply: FastifyReply,
  document: { mediaType: string; size: number; name: string },
  content: Readable,
): FastifyReply {
  return reply
    .header(
      'content-type',
      document.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : document.mediaType,
    )
    .header('content-length', String(document.size))
    .header('content-disposition', attachmentDisposition(document.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cache-control', 'private, no-store')
    .send(content);
}
