import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** How long a POS may take to finish the FIN the simulator sent when it shuts down. */
const SHUTDOWN_GRACE_MS = 500;

export interface TcpFrontOptions {
  readonly port: number;
  readonly host: string;
  /** A POS connected; the simulator wraps the socket in a `TcpLink` and accepts it. */
  readonly onSocket: (socket: Socket) => void;
}

export interface TcpFront {
  readonly port: number;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/**
 * The simulator's nexo-over-TCP front (README "Wires"): one socket per POS, length-prefixed
 * frames. It stays up across simulator restarts (the terminal closes the links), so a restart
 * keeps the same address, as on the WebSocket front.
 */
export function startTcpFront(options: TcpFrontOptions): Promise<TcpFront> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    options.onSocket(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          await Promise.all([...sockets].map(endGracefully));
          await closed;
        },
      });
    });
  });
}

/** Ends a socket with a FIN and waits for it to close; a peer that lingers is cut. */
function endGracefully(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((done) => {
    // A real timer: transport plumbing that only bounds how long a peer may linger.
    const grace = setTimeout(() => socket.destroy(), SHUTDOWN_GRACE_MS);
    socket.once('close', () => {
      clearTimeout(grace);
      done();
    });
    socket.end();
  });
}
