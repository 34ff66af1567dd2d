import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { TEST_PASSWORD } from '../factories.js';

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
}

/** A file for a multipart upload: its form field `kind` and its bytes. */
export interface Upload {
  kind: string;
  fileName: string;
  bytes: Buffer;
}

/**
 * One user of a node's API over HTTPS (the node's certificate checked against `ca`), with kept-alive
 * connections, as a browser would hold them.
 */
export function httpsClient(baseUrl: string, ca: Buffer, username: string) {
  const agent = new https.Agent({ keepAlive: true, ca, maxSockets: 64 });
  let cookie = '';
  const send = (method: string, route: string, body?: { json?: unknown; upload?: Upload }) =>
    new Promise<Answer>((resolve, reject) => {
      let payload: Buffer | undefined;
      const headers: Record<string, string> = { cookie };
      if (body?.json !== undefined) {
        payload = Buffer.from(JSON.stringify(body.json));
        headers['content-type'] = 'application/json';
      } else if (body?.upload) {
        const boundary = `----casebridge${randomBytes(8).toString('hex')}`;
        const { kind, fileName, bytes } = body.upload;
        payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
              'Content-Type: application/octet-stream\r\n\r\n',
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      }
      if (payload) headers['content-length'] = String(payload.length);
      const req = https.request(
        new URL(route, baseUrl),
        { method, agent, headers, timeout: 60_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Record<string, unknown> | null = null;
            try {
              json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
            } catch {
              json = null;
            }
            const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('cb_session='));
            if (setCookie) cookie = setCookie.split(';')[0]!;
            resolve({ status: res.statusCode ?? 0, json });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${route}: no answer in 60 s`)));
      req.on('error', reject);
      req.end(payload);
    });

  /** Sends and insists on a 2xx answer, or throws with the answer. */
  const expect = async (method: string, route: string, body?: { json?: unknown; upload?: Upload }) => {
    const answer = await send(method, route, body);
    if (answer.status < 200 || answer.status > 299)
      throw new Error(
        `${username}: ${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.json)}`,
      );
    return answer.json ?? {};
  };
  return {
    signIn: () => expect('POST', '/api/auth/login', { json: { username, password: TEST_PASSWORD } }),
    send,
    expect,
    close: () => agent.destroy(),
  };
}

export type HttpsClient = ReturnType<typeof httpsClient>;
