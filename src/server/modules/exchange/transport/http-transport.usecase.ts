import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import type { Signer } from '../trust/node-keys.usecase.js';
import { DeliveryError, type Delivery, type Transport } from './transport.ports.js';
import { signUploadToken } from './upload-token.policy.js';

interface HttpAnswer {
  status: number;
  body: string;
}

/** One HTTP request with an optional streamed body; the answer is read whole (answers are small). */
function request(
  url: URL,
  options: {
    method: string;
    headers?: Record<string, string | number>;
    body?: Readable | string;
    timeoutMs: number;
  },
  httpsAgent: https.Agent | undefined,
): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:';
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: options.method,
        headers: options.headers,
        timeout: options.timeoutMs,
        ...(secure && httpsAgent ? { agent: httpsAgent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (options.body === undefined) req.end();
    else if (typeof options.body === 'string') req.end(options.body);
    else {
      options.body.on('error', (e) => req.destroy(e));
      options.body.pipe(req);
    }
  });
}

function errorCode(answer: HttpAnswer): string {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code ?? `http.${answer.status}`;
  } catch {
    return `http.${answer.status}`;
  }
}

/**
 * Delivery to another node over HTTP(S): each document the peer does not hold yet (asked with
 * `HEAD` and the same token; the documents side by side) is streamed to `PUT /exchange/v1/blobs/:sha256` with a signed upload token, then the signed message is posted to
 * `POST /exchange/v1/messages`. The sender is authenticated by its signatures, not by a session; over
 * HTTPS the peer's certificate is checked against `ca` (Node's roots and an intranet's CA) when given,
 * else against Node's roots — a certificate that does not verify fails the delivery, which is retried.
 */
export function createHttpTransport(input: {
  baseUrlOf: (node: string) => Promise<string | null>;
  signer: Signer;
  blobs: BlobStore;
  now: () => Date;
  timeoutMs?: number;
  ca?: string[] | null;
}): Transport {
  const timeoutMs = input.timeoutMs ?? 60_000;
  // One TLS context for every connection, its CAs parsed once: handed `ca` itself, the agent would parse
  // Node's ~140 roots for each new connection and join them all into its pool key on every request
  // (a tenth of a two-node benchmark's CPU went there).
  const httpsAgent = input.ca
    ? new https.Agent({ keepAlive: true, secureContext: tls.createSecureContext({ ca: input.ca }) })
    : undefined;
  const call = async (url: URL, options: Parameters<typeof request>[1]) => {
    try {
      return await request(url, options, httpsAgent);
    } catch (error) {
      throw new DeliveryError('transport.unreachable', true, (error as Error).message);
    }
  };
  return {
    async deliver(delivery: Delivery) {
      const base = await input.baseUrlOf(delivery.toNode);
      if (!base)
        throw new DeliveryError('transport.unknown_peer', true, `no URL for node ${delivery.toNode}`);
      // The documents travel side by side (each asked for, then sent if the peer lacks it): over a link
      // with latency, a file of several documents costs two round trips, not two per document.
      await Promise.all(
        delivery.documents.map(async (doc) => {
          const url = new URL(`/exchange/v1/blobs/${doc.sha256}`, base);
          // The peer tells whether it holds the document only to whom may know (see exchange.routes.ts).
          const token = signUploadToken(input.signer, {
            sha256: doc.sha256,
            size: doc.size,
            now: input.now(),
          });
          const head = await call(url, {
            method: 'HEAD',
            headers: { 'x-casebridge-upload': token },
            timeoutMs,
          });
          if (head.status === 200) return;
          const put = await call(url, {
            method: 'PUT',
            headers: {
              'content-type': 'application/octet-stream',
              'content-length': doc.size,
              'x-casebridge-upload': token,
            },
            body: await input.blobs.get(doc.sha256),
            timeoutMs: Math.max(timeoutMs, 10 * 60_000),
          });
          if (put.status !== 200 && put.status !== 201)
            throw new DeliveryError(
              errorCode(put),
              put.status >= 500 || put.status === 409,
              `document upload ${put.status}`,
            );
        }),
      );
      const answer = await call(new URL('/exchange/v1/messages', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jws: delivery.jws }),
        timeoutMs,
      });
      if (answer.status === 200)
        return { receiptJws: (JSON.parse(answer.body) as { receipt: string }).receipt };
      const retryable =
        answer.status >= 500 || answer.status === 409 || answer.status === 429 || answer.status === 0;
      throw new DeliveryError(errorCode(answer), retryable, `peer answered ${answer.status}`);
    },
  };
}
