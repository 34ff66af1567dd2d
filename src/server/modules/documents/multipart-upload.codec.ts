import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { uploadDocumentFieldsSchema } from '../../../domain/documents/documents.schema.js';
import { safeFileName } from '../../../domain/documents/file-name.js';
import { AppError } from '../../../domain/errors.js';
import type { IncomingDocument } from './documents.usecase.js';

/** The multipart field that carries the file. */
const FILE_FIELD = 'file';

const invalid = (path: string, code: string, message: string) =>
  new AppError('request.invalid', { issues: [{ path, code, message }] });

/**
 * Reads an upload's multipart body up to the start of its file: the text fields first (`kind`), validated,
 * then the `file` part, handed over unread so that it streams straight into the store. Nothing is buffered
 * but the small text fields (capped at 1 KiB each by the multipart limits). A file past `maxBytes` (the
 * multipart `fileSize` limit, set from the same configuration) fails its stream with `documents.too_large`.
 */
export async function receiveMultipartDocument(
  request: FastifyRequest,
  options: { maxBytes: number },
): Promise<IncomingDocument> {
  if (!request.isMultipart()) throw new AppError('request.unsupported_media_type');
  const parts = request.parts();
  const fields: Record<string, unknown> = {};
  for (;;) {
    const next = await nextPart(parts, options.maxBytes);
    if (next.done) throw invalid(`body.${FILE_FIELD}`, 'validation.required', 'A file is required.');
    const part = next.value;
    if (part.type === 'field') {
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== FILE_FIELD) {
      part.file.destroy();
      throw invalid(`body.${part.fieldname}`, 'validation.unexpected', `Send the file as "${FILE_FIELD}".`);
    }
    const parsed = uploadDocumentFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      part.file.destroy();
      const issues = parsed.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        code: `validation.${i.code}`,
        message:
          i.path[0] !== undefined && fields[String(i.path[0])] === undefined
            ? 'Send this field before the file.'
            : i.message,
      }));
      throw new AppError('request.invalid', { issues });
    }
    const file = part.file;
    // Past the limit the parser would quietly drop the rest of the file and wait for the whole upload to
    // arrive; failing the stream at once answers 413 while the client is still sending, and stores nothing.
    file.once('limit', () =>
      file.destroy(new AppError('documents.too_large', { details: { maxBytes: options.maxBytes } })),
    );
    // Browsers send a quote in a file name as %22 (HTML's multipart encoding); give the user their quote back.
    const fileName = safeFileName(part.filename.replace(/%22/g, '"'));
    return {
      kind: parsed.data.kind,
      fileName,
      content: Readable.from(told(file, options.maxBytes), { objectMode: false }),
      wasTruncated: () => file.truncated,
    };
  }
}

/**
 * The file's bytes, with a failure of the parser (the body cut short mid-file, a broken part) told as the
 * client's error it is, not as a fault of the server.
 */
async function* told(file: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk;
  } catch (error) {
    throw asUploadError(error, maxBytes);
  }
}

/**
 * What a multipart parser's failure means for the client: past the size limit `documents.too_large` (413);
 * any other (no boundary, a body cut short, a malformed part header) a 400 naming the body.
 */
function asUploadError(error: unknown, maxBytes: number): AppError {
  if (error instanceof AppError) return error;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (code === 'FST_REQ_FILE_TOO_LARGE' || statusCode === 413)
    return new AppError('documents.too_large', { details: { maxBytes } });
  const reason = error instanceof Error ? error.message : 'malformed multipart body';
  return invalid('body', 'validation.malformed_multipart', `The multipart body cannot be read: ${reason}.`);
}

/** The next part, with the multipart parser's failures told as the client's errors (`asUploadError`). */
async function nextPart(parts: ReturnType<FastifyRequest['parts']>, maxBytes: number) {
  try {
    return await parts.next();
  } catch (error) {
    throw asUploadError(error, maxBytes);
  }
}
