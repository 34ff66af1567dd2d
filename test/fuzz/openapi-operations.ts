import type { JsonSchema } from '../json-schema.js';
export type { JsonSchema };
/**
 * The operations of the node's OpenAPI document (`GET /api/openapi.json`), reduced to what the fuzzer needs
 * to build requests: method, path template, parameters and the request body's media type and JSON schema.
 */

/** One parameter of an operation (path or query). */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation: `POST /api/cases/{id}/parties` with its parameters and body. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  path: string;
  parameters: Parameter[];
  body: { mediaType: 'application/json' | 'multipart/form-data' | 'none'; schema: JsonSchema | null };
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        consumes?: string[];
        summary?: string;
      }
    >
  >;
}

/**
 * Every operation of the document, in its order; a multipart route without a documented body counts as one.
 * A stream (server-sent events: its summary says `text/event-stream`) is left out: its answer never ends, so a
 * request to it would hold the fuzzer until its time is up; its own tests cover it.
 */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.summary?.includes('text/event-stream')) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const multipart = content['multipart/form-data'];
      const isMultipart = multipart !== undefined || path.endsWith('/documents');
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false })),
        body: json
          ? { mediaType: 'application/json', schema: json.schema ?? null }
          : isMultipart && method === 'post'
            ? { mediaType: 'multipart/form-data', schema: multipart?.schema ?? null }
            : { mediaType: 'none', schema: null },
      });
    }
  }
  return operations;
}

/** Routes the document hides or leaves out, which a request can reach all the same. */
export const undocumentedOperations: Operation[] = [
  { method: 'GET', path: '/healthz', parameters: [], body: { mediaType: 'none', schema: null } },
  { method: 'GET', path: '/readyz', parameters: [], body: { mediaType: 'none', schema: null } },
  { method: 'GET', path: '/api/openapi.json', parameters: [], body: { mediaType: 'none', schema: null } },
  {
    method: 'HEAD',
    path: '/exchange/v1/blobs/{sha256}',
    parameters: [{ name: 'sha256', in: 'path', required: true, schema: { type: 'string' } }],
    body: { mediaType: 'none', schema: null },
  },
  {
    method: 'OPTIONS',
    path: '/api/cases/{id}',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
    body: { mediaType: 'none', schema: null },
  },
  {
    method: 'DELETE',
    path: '/api/cases/{id}',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
    body: { mediaType: 'none', schema: null },
  },
  {
    method: 'GET',
    path: '/api/{unknown}',
    parameters: [{ name: 'unknown', in: 'path', required: true, schema: { type: 'string' } }],
    body: { mediaType: 'none', schema: null },
  },
];
