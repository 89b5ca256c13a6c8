// The baselines: a raw request/response echo on loopback over each wire (`ws`; length-prefixed
// TCP with plain `net`), with no harness code in the path.
import { connect, createServer } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * Round trips before timing starts: the harness path needs about 3,000 before V8 has optimised
 * it (CPU per round trip falls about fivefold), and the baseline gets the same treatment.
 */
export const WARM_UP_ROUND_TRIPS = 3000;

/**
 * Sequential request/response round trips over a raw WebSocket echo for `budgetMs`.
 * @param {string} frame the request text (sized like a real TransactionStatus request)
 * @param {number} budgetMs
 * @returns {Promise<{ count: number, elapsedMs: number }>}
 */
export async function rawEchoRoundTrips(frame, budgetMs) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((res, rej) => {
    server.once('listening', res);
    server.once('error', rej);
  });
  server.on('connection', (socket) =>
    socket.on('message', (data) =>
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands over each frame as one Buffer (default binaryType); the lint rule cannot see the JSDoc cast
      socket.send(/** @type {Buffer} */ (data).toString('utf8')),
    ),
  );
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((res, rej) => {
    client.once('open', res);
    client.once('error', rej);
  });
  /** @type {((text: string) => void) | undefined} */
  let waiting;
  client.on('message', (data) =>
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- as above: one Buffer per frame
    waiting?.(/** @type {Buffer} */ (data).toString('utf8')),
  );
  const roundTrip = () =>
    new Promise((res) => {
      waiting = res;
      client.send(frame);
    });
  try {
    // Warm up as long as the harness half does, so both are measured with optimised code.
    for (let i = 0; i < WARM_UP_ROUND_TRIPS; i++) await roundTrip();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < budgetMs) {
      await roundTrip();
      count += 1;
    }
    return { count, elapsedMs: performance.now() - start };
  } finally {
    client.terminate();
    await new Promise((res) => server.close(() => res(undefined)));
  }
}

/**
 * Sequential request/response round trips over a raw length-prefixed TCP echo (4-byte big-endian
 * length, then the payload) for `budgetMs`, framed by hand as a POS on plain `net` would.
 * @param {string} frame the request text (sized like a real TransactionStatus request)
 * @param {number} budgetMs
 * @returns {Promise<{ count: number, elapsedMs: number }>}
 */
export async function rawTcpEchoRoundTrips(frame, budgetMs) {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    const reader = lengthPrefixReader((payload) => socket.write(prefixed(payload)));
    socket.on('data', reader);
  });
  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const client = connect({ host: '127.0.0.1', port });
  await new Promise((res, rej) => {
    client.once('connect', res);
    client.once('error', rej);
  });
  client.setNoDelay(true);
  /** @type {((payload: Buffer) => void) | undefined} */
  let waiting;
  client.on(
    'data',
    lengthPrefixReader((payload) => waiting?.(payload)),
  );
  const request = prefixed(Buffer.from(frame, 'utf8'));
  const roundTrip = () =>
    new Promise((res) => {
      // The answer is decoded to text, as the harness half decodes every frame.
      waiting = (payload) => res(payload.toString('utf8'));
      client.write(request);
    });
  try {
    for (let i = 0; i < WARM_UP_ROUND_TRIPS; i++) await roundTrip();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < budgetMs) {
      await roundTrip();
      count += 1;
    }
    return { count, elapsedMs: performance.now() - start };
  } finally {
    client.destroy();
    server.close();
  }
}

/** @param {Buffer} payload */
function prefixed(payload) {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(payload.length, 0);
  return Buffer.concat([prefix, payload]);
}

/**
 * A `data` listener that calls `onFrame` with each whole payload.
 * @param {(payload: Buffer) => void} onFrame
 */
function lengthPrefixReader(onFrame) {
  /** @type {Buffer} */
  let buffered = Buffer.alloc(0);
  return (/** @type {Buffer} */ segment) => {
    buffered = buffered.length === 0 ? segment : Buffer.concat([buffered, segment]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) return;
      onFrame(buffered.subarray(4, 4 + length));
      buffered = buffered.subarray(4 + length);
    }
  };
}
