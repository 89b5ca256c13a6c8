import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { EventBody } from '@shared/trace/events';
import { FrameDecoder, encodeFrame } from '../link/length-prefix';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import { createSimulator, type Simulator } from './simulator';
import { at } from './testing/pos-client';
import * as req from './testing/requests';

/** How a raw TCP connection ended, as a POS written with plain `net` sees it. */
type Ending = 'fin' | 'reset';

/** A POS that knows only Market Pay's TCP binding: a `net` socket and length prefixes. */
class RawTcpPos {
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private readonly queue: unknown[] = [];
  private waiting: ((frame: unknown) => void) | undefined;
  readonly ended: Promise<Ending>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (segment: Buffer) => {
      for (const decoded of this.decoder.push(segment)) {
        if (decoded.kind !== 'frame') throw new Error('the simulator sent an oversize frame');
        const frame: unknown = JSON.parse(decoded.text);
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = undefined;
          resolve(frame);
        } else this.queue.push(frame);
      }
    });
    this.ended = new Promise((resolve) => {
      socket.once('end', () => resolve('fin'));
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET') resolve('reset');
      });
    });
  }

  static open(url: string): Promise<RawTcpPos> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.once('connect', () => resolve(new RawTcpPos(socket)));
      socket.once('error', reject);
    });
  }

  send(json: unknown): void {
    this.socket.write(encodeFrame(JSON.stringify(json)));
  }

  /** The next frame from the simulator. */
  next(): Promise<unknown> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Frames until one of `category`/`type` arrives; returns that one. */
  async until(category: string, type: string): Promise<unknown> {
    for (;;) {
      const frame = await this.next();
      const header = at(frame, `${wrapperOf(frame)}.MessageHeader`);
      if (at(header, 'MessageCategory') === category && at(header, 'MessageType') === type) {
        return frame;
      }
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function wrapperOf(frame: unknown): string {
  return Object.keys(frame as object)[0] ?? '';
}

function resultOf(frame: unknown, body: string): unknown {
  return at(frame, `${wrapperOf(frame)}.${body}.Response.Result`);
}

function rejectReason(frame: unknown): string {
  const details = at(frame, 'SaleToPOIRequest.EventNotification.EventDetails');
  // EventDetails is form-encoded (`message=...`).
  return typeof details === 'string' ? decodeURIComponent(details.replace(/\+/g, ' ')) : '';
}

describe('the simulator’s nexo-over-TCP front', () => {
  let clock: VirtualClock;
  let sim: Simulator;
  let events: EventBody[];
  let tcpUrl: string;
  const opened: RawTcpPos[] = [];

  const pos = async (): Promise<RawTcpPos> => {
    const client = await RawTcpPos.open(tcpUrl);
    opened.push(client);
    return client;
  };

  /** Resolves with the first simulator event from now on that `predicate` accepts. */
  const nextEvent = (predicate: (event: EventBody) => boolean): Promise<EventBody> =>
    new Promise((resolve) => {
      const stop = sim.onEvent((event) => {
        if (!predicate(event)) return;
        stop();
        resolve(event);
      });
    });

  const loggedIn = async (serviceId = 'L1'): Promise<RawTcpPos> => {
    const client = await pos();
    client.send(req.login(serviceId));
    expect(resultOf(await client.until('Login', 'Response'), 'LoginResponse')).toBe('Success');
    return client;
  };

  beforeEach(async () => {
    clock = new VirtualClock();
    sim = createSimulator({
      clock,
      random: seededRandom(3),
      settings: { initMs: 100, cardMs: 10, authMs: 10 },
    });
    events = [];
    sim.onEvent((event) => events.push(event));
    const listening = await sim.listen({ tcpPort: 0 });
    tcpUrl = listening.tcpUrl ?? '';
    clock.advance(100);
  });

  afterEach(async () => {
    for (const client of opened.splice(0)) client.close();
    await sim.close();
  });

  it('listens on loopback and says so in its state', () => {
    expect(tcpUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.state().listening?.tcpUrl).toBe(tcpUrl);
  });

  it('serves a login and a payment, and records the wire of the link', async () => {
    const client = await loggedIn();
    client.send(req.payment('P1', { amount: 12.5 }));
    // Each progress message means the simulator reached the next phase: let its time pass.
    let answer = await client.next();
    while (at(answer, 'SaleToPOIResponse.MessageHeader.MessageCategory') !== 'Payment') {
      clock.advance(10);
      answer = await client.next();
    }
    expect(at(answer, 'SaleToPOIResponse.PaymentResponse.Response')).toMatchObject({
      Result: 'Success',
    });
    expect(sim.ledger()).toHaveLength(1);
    const linkEvent = events.find((e) => e.kind === 'link');
    expect(linkEvent).toMatchObject({ kind: 'link', wire: 'tcp', change: 'opened' });
    const messages = events.filter((e) => e.kind === 'message');
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.every((e) => e.kind === 'message' && e.wire === 'tcp')).toBe(true);
  });

  it('reads a login written one byte at a time', async () => {
    const client = await pos();
    for (const byte of encodeFrame(JSON.stringify(req.login('L1')))) {
      client.socket.write(Buffer.from([byte]));
    }
    expect(resultOf(await client.until('Login', 'Response'), 'LoginResponse')).toBe('Success');
  });

  it('answers a zero-length frame and garbage with a Reject and stays up', async () => {
    const client = await pos();
    client.socket.write(Buffer.from([0, 0, 0, 0]));
    expect(rejectReason(await client.until('Event', 'Notification'))).toMatch(/not JSON/);
    client.socket.write(encodeFrame('{"hello":"world"}'));
    expect(rejectReason(await client.until('Event', 'Notification'))).toMatch(/not a nexo message/);
    client.send(req.login('L1'));
    expect(resultOf(await client.until('Login', 'Response'), 'LoginResponse')).toBe('Success');
  });

  it('refuses a declared length over 1 MiB unread: a Reject, then a FIN', async () => {
    const client = await loggedIn();
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    client.socket.write(prefix);
    const reject = await client.until('Event', 'Notification');
    expect(at(reject, 'SaleToPOIRequest.EventNotification.EventToNotify')).toBe('Reject');
    expect(rejectReason(reject)).toMatch(/too large \(1048577 bytes declared/);
    expect(await client.ended).toBe('fin');
    await nextEvent((e) => e.kind === 'poiSession' && e.change === 'closed');
  });

  it('drops a link with a reset, not a FIN, and ends its session', async () => {
    const client = await loggedIn();
    const [link] = sim.state().links;
    expect(sim.dropLink(link!.id).ok).toBe(true);
    expect(await client.ended).toBe('reset');
    expect(sim.state().sessions).toEqual([]);
  });

  it('closes every link with a FIN on restart, and takes new ones on the same address', async () => {
    const client = await loggedIn();
    expect(sim.restart().ok).toBe(true);
    expect(await client.ended).toBe('fin');
    clock.advance(100);
    await loggedIn('L2');
    expect(sim.state().sessions).toHaveLength(1);
  });
});
