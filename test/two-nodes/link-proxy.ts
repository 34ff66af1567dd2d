import net from 'node:net';

/** What the link between two nodes adds: a round-trip time and a share of lost segments. */
export interface LinkCondition {
  name: string;
  rttMs: number;
  /** Share of segments lost (0.01 = 1 %). */
  loss: number;
}

/** Linux's least retransmission timeout: what a segment lost at the tail of a burst costs TCP at least. */
const MIN_RTO_MS = 200;

/**
 * A TCP proxy on 127.0.0.1 in front of `targetPort` that plays a link: each chunk waits half the RTT in each
 * direction, in order; a "lost" one (share `loss`) waits a retransmission more (the RTO: at least 200 ms,
 * or the RTT if longer), and so do the chunks behind it, as TCP delivers nothing past a gap. The condition
 * can change between runs; connections already open take it up at once.
 */
export async function startLinkProxy(
  targetPort: number,
  random: () => number = Math.random,
): Promise<{ port: number; setCondition(condition: LinkCondition): void; close(): Promise<void> }> {
  let condition: LinkCondition = { name: '0 ms', rttMs: 0, loss: 0 };
  const sockets = new Set<net.Socket>();

  /** Forwards `from` to `to` with the link's delay, keeping the order of the chunks. */
  const forward = (from: net.Socket, to: net.Socket) => {
    let lastRelease = 0;
    let pending = 0;
    let ended = false;
    const release = (write: () => void) => {
      const oneWay = condition.rttMs / 2;
      const lost = condition.loss > 0 && random() < condition.loss;
      const delay = oneWay + (lost ? Math.max(MIN_RTO_MS, condition.rttMs) : 0);
      const at = Math.max(performance.now() + delay, lastRelease);
      lastRelease = at;
      if (at <= performance.now() && pending === 0) return write();
      pending += 1;
      setTimeout(() => {
        pending -= 1;
        write();
        if (ended && pending === 0) to.end();
      }, at - performance.now());
    };
    from.on('data', (chunk: Buffer) => release(() => to.write(chunk)));
    from.on('end', () => {
      ended = true;
      if (pending === 0) to.end();
    });
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    setCondition: (next) => (condition = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
