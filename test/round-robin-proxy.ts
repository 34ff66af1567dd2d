import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A load balancer for tests: HTTP requests handed to the backends in turn, streamed both ways. */
export interface RoundRobinProxy {
  url: string;
  /** How many requests each backend was handed (by its base URL). */
  served: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A small reverse proxy in the spirit of haproxy's `balance roundrobin` with passive health checks: each
 * request goes to the next backend; a backend that refuses the connection is marked down for `downMs` and a
 * GET or HEAD tried on the next one (nothing of it was sent yet). A backend that dies while answering costs that
 * one request (502), as behind any load balancer; the next request goes elsewhere.
 */
export async function startRoundRobinProxy(
  backends: string[],
  options: { downMs?: number } = {},
): Promise<RoundRobinProxy> {
  const served = new Map<string, number>(backends.map((b) => [b, 0]));
  const downUntil = new Map<string, number>();
  let next = 0;
  const pick = (): string[] => {
    const order = backends.map((_, i) => backends[(next + i) % backends.length] ?? '');
    next = (next + 1) % backends.length;
    const up = order.filter((b) => (downUntil.get(b) ?? 0) <= Date.now());
    return up.length > 0 ? up : order;
  };
  const server = http.createServer((request, response) => {
    const candidates = pick();
    const attempt = (i: number) => {
      const backend = candidates[i];
      if (backend === undefined) {
        response.writeHead(503).end('no backend');
        return;
      }
      const target = new URL(request.url ?? '/', backend);
      let sent = false;
      const upstream = http.request(
        target,
        { method: request.method, headers: request.headers },
        (answer) => {
          served.set(backend, (served.get(backend) ?? 0) + 1);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          answer.on('error', () => response.destroy());
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (
          !sent &&
          error.code === 'ECONNREFUSED' &&
          (request.method === 'GET' || request.method === 'HEAD')
        ) {
          downUntil.set(backend, Date.now() + (options.downMs ?? 5000));
          attempt(i + 1);
          return;
        }
        downUntil.set(backend, Date.now() + (options.downMs ?? 5000));
        if (!response.headersSent) response.writeHead(502).end('backend failed');
        else response.destroy();
      });
      upstream.on('socket', (socket) => {
        // A kept-alive socket is connected already; a new one says so once.
        if (socket.connecting) socket.once('connect', () => (sent = true));
        else sent = true;
      });
      // The client gone (or the proxy closing): the backend's request goes too, as a real balancer's would.
      response.on('close', () => {
        if (!response.writableFinished) upstream.destroy();
      });
      request.pipe(upstream);
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
