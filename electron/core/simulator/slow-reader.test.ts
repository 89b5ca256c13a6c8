import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SEND_QUEUE_BYTES } from '@shared/protocol';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventOf } from '@shared/trace/events';
import { CLOSE_SEND_QUEUE_FULL } from '../link/send-queue-guard';
import { createSimulator, type Simulator } from './simulator';

/** The bound this test states for the simulator's growth while a peer never reads. */
const RSS_BOUND_BYTES = 200 * 1024 * 1024;
/** Frames the POS sends at most: far more answer bytes than any queue limit plus socket buffers. */
const MAX_FRAMES = 40_000;
const FRAME_BYTES = 3 * 1024;

let sim: Simulator | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.destroy();
  await sim?.close();
});

/** A masked client text frame (RFC 6455 §5.2) with an all-zero mask, so the payload is as is. */
function clientFrame(payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), payload]);
}

/** Opens a WebSocket by hand, reads the 101 answer, then never reads again. */
async function openNonReadingPos(port: number): Promise<Socket> {
  const raw = connect(port, '127.0.0.1');
  raw.on('error', () => undefined);
  await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
  raw.write(
    [
      'GET /nexo HTTP/1.1',
      `Host: 127.0.0.1:${String(port)}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n'),
  );
  let head = '';
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      raw.off('data', onData);
      raw.pause();
      resolve();
    };
    raw.on('data', onData);
  });
  expect(head).toMatch(/^HTTP\/1\.1 101/);
  return raw;
}

describe('a peer that never reads', () => {
  it('is cut with its reason once its send queue passes the limit, and memory stays bounded', async () => {
    sim = createSimulator({ clock: new VirtualClock(), random: seededRandom(5) });
    const closed: EventOf<'link'>[] = [];
    let cut: () => void = () => undefined;
    const cutSeen = new Promise<void>((resolve) => (cut = resolve));
    sim.onEvent((event) => {
      if (event.kind === 'link' && event.change === 'closed') {
        closed.push(event);
        cut();
      }
    });
    const { port } = await sim.listen();
    const before = process.memoryUsage().rss;
    socket = await openNonReadingPos(port);

    // Garbage frames: each is answered with a Reject that carries the frame back, so the
    // answers pile up on the simulator's side of a POS that does not read them.
    const frame = clientFrame(Buffer.alloc(FRAME_BYTES, 'x'));
    let sent = 0;
    let linkCut = false;
    void cutSeen.then(() => (linkCut = true));
    while (sent < MAX_FRAMES && !linkCut && !socket.destroyed) {
      sent += 1;
      if (!socket.write(frame)) {
        const pos = socket;
        await new Promise<void>((resolve) => {
          pos.once('drain', resolve);
          pos.once('close', resolve);
          void cutSeen.then(resolve);
        });
      }
    }
    const grown = process.memoryUsage().rss - before;

    expect(closed).toEqual([
      expect.objectContaining({
        code: CLOSE_SEND_QUEUE_FULL,
        abrupt: true,
        reason: expect.stringMatching(/^peer not reading: \d+ bytes waiting to be sent/) as unknown,
      }),
    ]);
    expect(sent).toBeLessThan(MAX_FRAMES);
    expect(grown).toBeLessThan(RSS_BOUND_BYTES);
    expect(MAX_SEND_QUEUE_BYTES).toBeLessThan(RSS_BOUND_BYTES);
    // Tens of megabytes through a real socket: slow on a loaded machine; a budget, not a timing.
  }, 120_000);

  it('over TCP too: cut with its reason, memory bounded', async () => {
    sim = createSimulator({ clock: new VirtualClock(), random: seededRandom(6) });
    const closed: EventOf<'link'>[] = [];
    let cut: () => void = () => undefined;
    const cutSeen = new Promise<void>((resolve) => (cut = resolve));
    sim.onEvent((event) => {
      if (event.kind === 'link' && event.change === 'closed') {
        closed.push(event);
        cut();
      }
    });
    const { tcpUrl } = await sim.listen({ tcpPort: 0 });
    const port = Number(new URL(tcpUrl ?? '').port);
    const before = process.memoryUsage().rss;
    const raw = connect(port, '127.0.0.1');
    socket = raw;
    raw.on('error', () => undefined);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.pause();
    const payload = Buffer.alloc(FRAME_BYTES, 'x');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(payload.length);
    const frame = Buffer.concat([length, payload]);
    let sent = 0;
    let linkCut = false;
    void cutSeen.then(() => (linkCut = true));
    while (sent < MAX_FRAMES && !linkCut && !raw.destroyed) {
      sent += 1;
      if (!raw.write(frame)) {
        await new Promise<void>((resolve) => {
          raw.once('drain', resolve);
          raw.once('close', resolve);
          void cutSeen.then(resolve);
        });
      }
    }
    const grown = process.memoryUsage().rss - before;
    expect(closed).toEqual([
      expect.objectContaining({
        code: CLOSE_SEND_QUEUE_FULL,
        abrupt: true,
        reason: expect.stringMatching(/^peer not reading: \d+ bytes waiting to be sent/) as unknown,
      }),
    ]);
    expect(sent).toBeLessThan(MAX_FRAMES);
    expect(grown).toBeLessThan(RSS_BOUND_BYTES);
  }, 120_000);
});
