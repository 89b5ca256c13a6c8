import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEndpoint } from '@shared/link/endpoint';
import { dialerFor } from './dial';
import { encodeFrame } from './length-prefix';
import type { Link, LinkClosed } from './link';

/** A plain TCP server on loopback that hands each accepted socket to the test. */
let server: Server;
let port: number;
let accepted: Promise<Socket>;
const sockets = new Set<Socket>();

beforeEach(async () => {
  let accept: (socket: Socket) => void = () => undefined;
  accepted = new Promise((resolve) => (accept = resolve));
  server = createServer((socket) => accept(socket));
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise((resolve) => server.close(resolve));
});

async function dial(url = `tcp://127.0.0.1:${String(port)}`): Promise<Link> {
  const endpoint = parseEndpoint(url);
  if (!endpoint.ok) throw new Error(endpoint.error);
  const dialed = await dialerFor(endpoint.value)();
  if (!dialed.ok) throw new Error(dialed.error);
  return dialed.value;
}

function closed(link: Link): Promise<LinkClosed> {
  return new Promise((resolve) => link.onClose(resolve));
}

describe('the TCP dialer', () => {
  it('opens a link that says it is TCP and frames both ways', async () => {
    const link = await dial();
    const socket = await accepted;
    const got = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    link.send('{"a":1}');
    expect(await got).toEqual(encodeFrame('{"a":1}'));
    const inbound = new Promise<string>((resolve) => link.onMessage(resolve));
    socket.write(encodeFrame('{"b":2}'));
    expect(await inbound).toBe('{"b":2}');
    expect(link.wire).toBe('tcp');
    link.close();
  });

  it('reports a refused connection as an error value', async () => {
    await new Promise((resolve) => server.close(resolve));
    const endpoint = parseEndpoint(`tcp://127.0.0.1:${String(port)}`);
    if (!endpoint.ok) throw new Error(endpoint.error);
    const dialed = await dialerFor(endpoint.value)();
    expect(dialed).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('sees a FIN from the peer as a normal close and a reset as abrupt', async () => {
    const first = await dial();
    (await accepted).end();
    expect(await closed(first)).toEqual({ code: 1000, reason: '', abrupt: false });

    let accept: (socket: Socket) => void = () => undefined;
    accepted = new Promise((resolve) => (accept = resolve));
    server.removeAllListeners('connection');
    server.on('connection', (socket) => {
      sockets.add(socket);
      accept(socket);
    });
    const second = await dial();
    (await accepted).resetAndDestroy();
    expect(await closed(second)).toMatchObject({ code: 1006, abrupt: true });
  });

  it('closes the link when the peer declares a frame over the limit', async () => {
    const link = await dial();
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(2 * 1024 * 1024, 0);
    (await accepted).write(prefix);
    expect(await closed(link)).toMatchObject({ code: 1009, abrupt: false });
  });

  it('terminates with a reset the peer sees as ECONNRESET', async () => {
    const link = await dial();
    const socket = await accepted;
    const error = new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    link.terminate();
    expect((await error).code).toBe('ECONNRESET');
    expect(await closed(link)).toMatchObject({ code: 1006, abrupt: true });
  });
});
