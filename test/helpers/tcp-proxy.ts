/**
 * A TCP load balancer for tests (node:net): each new connection goes to the next upstream in turn
 * (round robin), or to the one after when that one refuses (a dead replica). With `maxAgeMs`, a
 * connection is cut after that long, as a load balancer draining connections does: a gRPC client then
 * connects again, to the next upstream, so one client's calls spread over every replica.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections made to each upstream, in the order given. */
  connections: number[];
  close(): Promise<void>;
}

export async function startTcpProxy(
  upstreams: ReadonlyArray<{ host: string; port: number }>,
  options: { maxAgeMs?: number; port?: number } = {},
): Promise<TcpProxy> {
  const connections = upstreams.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;

  const forward = (client: net.Socket, tries: number) => {
    if (tries >= upstreams.length || client.destroyed) {
      client.destroy();
      return;
    }
    const i = next;
    next = (next + 1) % upstreams.length;
    const upstream = net.connect(upstreams[i]!);
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const refused = () => forward(client, tries + 1);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      connections[i]! += 1;
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', cut);
      client.on('error', cut);
      upstream.on('close', cut);
      client.on('close', cut);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      if (options.maxAgeMs) setTimeout(cut, options.maxAgeMs).unref();
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
