import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LinkClosed } from './link';
import { wsDialer } from './ws-link';

interface Peer {
  readonly url: string;
  readonly sockets: WebSocket[];
  readonly connected: Promise<WebSocket>;
}

const servers: { http: Server; sockets: WebSocket[] }[] = [];
afterEach(async () => {
  for (const { http, sockets } of servers.splice(0)) {
    // Upgraded sockets are no longer the HTTP server's: end them so close() can finish.
    for (const socket of sockets) socket.terminate();
    await new Promise<void>((r) => http.close(() => r()));
  }
});

/** A real ws server on 127.0.0.1, port 0, that upgrades only `/nexo` and echoes frames. */
async function peer(): Promise<Peer> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];
  let onConnect: (s: WebSocket) => void = () => undefined;
  const connected = new Promise<WebSocket>((r) => (onConnect = r));
  http.on('upgrade', (req, socket, head) => {
    if (req.url !== '/nexo') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on('message', (data: Buffer) => ws.send(`echo:${data.toString('utf8')}`));
      onConnect(ws);
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  servers.push({ http, sockets });
  const { port } = http.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/nexo`, sockets, connected };
}

function closedOnce(link: {
  onClose(fn: (c: LinkClosed) => void): () => void;
}): Promise<LinkClosed> {
  return new Promise((r) => link.onClose(r));
}

describe('wsDialer', () => {
  it('opens a link that carries text frames both ways', async () => {
    const p = await peer();
    const dialed = await wsDialer(p.url)();
    if (!dialed.ok) throw new Error(dialed.error);
    const link = dialed.value;
    expect(link.isOpen).toBe(true);
    expect(link.id).toMatch(/^pos-\d+$/);
    const got = new Promise<string>((r) => link.onMessage(r));
    link.send('{"a":1}');
    expect(await got).toBe('echo:{"a":1}');
    link.close(1000, 'bye');
  });

  it('gives every dial its own link id', async () => {
    const p = await peer();
    const dial = wsDialer(p.url, { idPrefix: 'x' });
    const [a, b] = await Promise.all([dial(), dial()]);
    if (!a.ok || !b.ok) throw new Error('dial failed');
    expect(a.value.id).not.toBe(b.value.id);
    expect(a.value.id).toMatch(/^x-/);
  });

  it('reports a graceful close from the peer with its code and reason', async () => {
    const p = await peer();
    const dialed = await wsDialer(p.url)();
    if (!dialed.ok) throw new Error(dialed.error);
    const closed = closedOnce(dialed.value);
    (await p.connected).close(1012, 'service restart');
    expect(await closed).toEqual({ code: 1012, reason: 'service restart', abrupt: false });
    expect(dialed.value.isOpen).toBe(false);
  });

  it('reports a dropped connection as abrupt (1006), once', async () => {
    const p = await peer();
    const dialed = await wsDialer(p.url)();
    if (!dialed.ok) throw new Error(dialed.error);
    const seen: LinkClosed[] = [];
    dialed.value.onClose((c) => seen.push(c));
    const closed = closedOnce(dialed.value);
    (await p.connected).terminate();
    expect(await closed).toMatchObject({ code: 1006, abrupt: true });
    dialed.value.send('ignored after close');
    dialed.value.close();
    expect(seen).toHaveLength(1);
  });

  it('closes from our side and tells the listeners', async () => {
    const p = await peer();
    const dialed = await wsDialer(p.url)();
    if (!dialed.ok) throw new Error(dialed.error);
    const closed = closedOnce(dialed.value);
    dialed.value.close(1000, 'stopped');
    expect(await closed).toMatchObject({ code: 1000, abrupt: false });
  });

  it.each([
    { name: 'a refused port', url: () => Promise.resolve('ws://127.0.0.1:1/nexo') },
    {
      name: 'a path that does not upgrade',
      url: async () => (await peer()).url.replace('/nexo', '/other'),
    },
    { name: 'an invalid URL', url: () => Promise.resolve('not a url') },
  ])('returns an error value for $name', async ({ url }) => {
    const dialed = await wsDialer(await url())();
    expect(dialed.ok).toBe(false);
    if (!dialed.ok) expect(dialed.error).not.toBe('');
  });
});
