// The Local API baseline: a raw keep-alive HTTP POST echo on loopback, no harness code in the path.
import { Agent, createServer, request } from 'node:http';
import { WARM_UP_ROUND_TRIPS } from './echo.mjs';

/**
 * Sequential POST round trips for `budgetMs` on one keep-alive connection: the server answers
 * 200 with the body it got, as a sync Local API resource answers with its response.
 * @param {string} body the request body (sized like a real flat TransactionStatus request)
 * @param {number} budgetMs
 * @returns {Promise<{ count: number, elapsedMs: number }>}
 */
export async function httpEchoRoundTrips(body, budgetMs) {
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': text.length });
      res.end(text);
    });
  });
  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const roundTrip = () =>
    new Promise((res, rej) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/status',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.on('data', () => undefined);
          response.on('end', () => res(undefined));
          response.on('error', rej);
        },
      );
      req.on('error', rej);
      req.end(body);
    });
  try {
    // Warmed up like the harness half, so both are measured with optimised code.
    for (let i = 0; i < WARM_UP_ROUND_TRIPS; i++) await roundTrip();
    const start = performance.now();
    let count = 0;
    while (performance.now() - start < budgetMs) {
      await roundTrip();
      count += 1;
    }
    return { count, elapsedMs: performance.now() - start };
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((res) => server.close(() => res(undefined)));
  }
}
