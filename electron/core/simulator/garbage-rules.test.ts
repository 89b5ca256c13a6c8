import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_WINDOW_MS } from '@shared/simulator/profiles';
import { MAX_FRAME_BYTES, REJECT_SNIPPET_BYTES } from '@shared/protocol/limits';
import { is, type Frame, type TestPos } from './testing/pos-client';
import * as req from './testing/requests';
import { startSim, type SimFixture } from './testing/sim-fixture';

let fx: SimFixture;
afterEach(async () => {
  await fx.close();
});

function rejected(frame: Frame): { details: string; message: string } {
  expect(frame.get('EventNotification.EventToNotify')).toBe('Reject');
  return {
    details: decodeURIComponent(
      String(frame.get('EventNotification.EventDetails')).replace(/\+/g, ' '),
    ),
    message: Buffer.from(String(frame.get('EventNotification.RejectedMessage')), 'base64').toString(
      'utf8',
    ),
  };
}

async function stillServes(pos: TestPos, serviceId: string): Promise<void> {
  pos.send(req.login(serviceId));
  const answer = await pos.frames.until(is.response('Login', serviceId));
  expect(answer.result).toBe('Success');
}

describe('rule 11: duplicates', () => {
  it('answers a ServiceID repeated by the same SaleID within 48 h with MessageFormat "repeated message"', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn('POS1', 'L1');
    pos.send(req.status('S1'));
    expect((await pos.frames.next()).errorCondition).toBe('NotFound');
    pos.send(req.status('S1'));
    const repeated = await pos.frames.next();
    expect([repeated.result, repeated.errorCondition]).toEqual(['Failure', 'MessageFormat']);
    expect(repeated.get('TransactionStatusResponse.Response.AdditionalResponse')).toMatch(
      /^repeated message/,
    );
    // A Login with a used ServiceID is a repeat too.
    pos.send(req.login('L1'));
    expect((await pos.frames.next()).errorCondition).toBe('MessageFormat');
    // Another SaleID may use the same ServiceID.
    const other = await fx.loggedIn('POS2', 'L2');
    other.send(req.status('S1', undefined, 'POS2'));
    expect((await other.frames.next()).errorCondition).toBe('NotFound');
    // After the window it is new again.
    fx.clock.advance(DEFAULT_DUPLICATE_WINDOW_MS);
    pos.send(req.status('S1'));
    expect((await pos.frames.next()).errorCondition).toBe('NotFound');
  });

  it('a repeated payment ServiceID does not touch the original payment', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send(req.payment('P1'));
    await pos.frames.until(is.display('Present card'));
    fx.clock.advance(fx.settings.cardMs + fx.settings.authMs);
    const original = await pos.frames.until(is.response('Payment', 'P1'));
    pos.send(req.payment('P1'));
    expect((await pos.frames.next()).errorCondition).toBe('MessageFormat');
    pos.send(req.status('S1', { ServiceID: 'P1' }));
    const status = await pos.frames.next();
    expect(
      status.get(
        'TransactionStatusResponse.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse',
      ),
    ).toEqual(original.get('PaymentResponse'));
    expect(fx.sim.ledger()).toHaveLength(1);
  });
});

describe('rule 11: garbage', () => {
  it('rejects text that is not JSON with its base64, and keeps the link', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.sendText('hello {');
    const reject = rejected(await pos.frames.next());
    expect(reject.message).toBe('hello {');
    expect(reject.details).toMatch(/not JSON/);
    expect(fx.eventsOf('message').find((e) => e.text === 'hello {')).toMatchObject({
      direction: 'toPoi',
    });
    await stillServes(pos, 'L2');
  });

  it.each([
    ['JSON that is not an envelope', '[1,2,3]', /not a nexo message/],
    ['an envelope without header', '{"SaleToPOIRequest":{}}', /MessageHeader/],
    [
      'an unknown category',
      JSON.stringify({
        SaleToPOIRequest: {
          MessageHeader: { ...req.requestHeader('Teleport', 'T1') },
          TeleportRequest: {},
        },
      }),
      /unsupported message: Service Teleport Request/,
    ],
    [
      'a response from the sale system',
      JSON.stringify({
        SaleToPOIResponse: {
          MessageHeader: { ...req.requestHeader('Login', 'T2'), MessageType: 'Response' },
          LoginResponse: { Response: { Result: 'Success' } },
        },
      }),
      /unexpected Login response/,
    ],
  ])('rejects %s', async (_name, text, reason) => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.sendText(text);
    const reject = rejected(await pos.frames.next());
    expect(reject.details).toMatch(reason);
    expect(reject.message).toBe(text);
    await stillServes(pos, 'L2');
  });

  it('rejects a frame over 1 MiB, truncating what it sends back, and the link stays up', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    const big = `{"x":"${'a'.repeat(MAX_FRAME_BYTES)}"}`;
    pos.sendText(big);
    const reject = rejected(await pos.frames.next());
    expect(reject.details).toMatch(/too large/);
    expect(Buffer.byteLength(reject.message)).toBe(REJECT_SNIPPET_BYTES);
    expect(big.startsWith(reject.message)).toBe(true);
    await stillServes(pos, 'L2');
    // A frame of exactly 1 MiB is not "too large".
    const limit = `"${'b'.repeat(MAX_FRAME_BYTES - 2)}"`;
    pos.sendText(limit);
    expect(rejected(await pos.frames.next()).details).toMatch(/not a nexo message/);
  });

  it('reads invalid UTF-8 with replacement characters (Reject, link up) and binary frames as text', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.sendBytes(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect(rejected(await pos.frames.next()).details).toMatch(/not JSON/);
    pos.sendBytes(Buffer.from(JSON.stringify(req.login('L2'))), true);
    expect((await pos.frames.next()).serviceId).toBe('L2');
  });

  it('ignores DisplayResponses and event notifications from the sale system', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send({
      SaleToPOIResponse: {
        MessageHeader: {
          ...req.requestHeader('Display', 'D1'),
          MessageClass: 'Device',
          MessageType: 'Response',
        },
        DisplayResponse: {
          OutputResult: [
            { Device: 'CashierDisplay', InfoQualify: 'Status', Response: { Result: 'Success' } },
          ],
        },
      },
    });
    await stillServes(pos, 'L2');
    expect(pos.frames.all).toHaveLength(2);
  });

  it('a valid header with a bad body field gets MessageFormat naming the JSON path', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn();
    pos.send({
      SaleToPOIRequest: {
        MessageHeader: req.requestHeader('Payment', 'P1'),
        PaymentRequest: { SaleData: {} },
      },
    });
    const answer = await pos.frames.next();
    expect(answer.errorCondition).toBe('MessageFormat');
    expect(answer.get('PaymentResponse.Response.AdditionalResponse')).toMatch(
      /\$\.SaleToPOIRequest\.PaymentRequest\.SaleData\.SaleTransactionID/,
    );
  });
});

/** Random JSON-ish mutations of valid requests: fields deleted, replaced or retyped. */
const validRequests = [
  req.login('X'),
  req.payment('X', { amount: 3.5 }),
  req.status('X', { ServiceID: 'P' }),
  req.reversal('X', 'S0000001'),
  req.abort('X', 'P'),
  req.logout('X'),
  req.diagnosis('X'),
];

type Path = readonly string[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function mutate(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...value };
  if (head === undefined) return value;
  if (rest.length === 0 && remove) delete copy[head];
  else copy[head] = mutate(copy[head], rest, replacement, remove);
  return copy;
}

const mutatedFrame = fc
  .record({
    base: fc.constantFrom(...validRequests),
    pick: fc.nat(),
    replacement: fc.jsonValue({ maxDepth: 2 }),
    remove: fc.boolean(),
  })
  .map(({ base, pick, replacement, remove }) => {
    const all = paths(base);
    const path = all[pick % all.length] ?? [];
    return JSON.stringify(mutate(base, path, replacement, remove));
  });

const anyFrame = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  mutatedFrame,
);

describe('rule 11: the simulator never crashes', () => {
  it('random and mutated frames never crash it, and a Login after them is still answered', async () => {
    fx = await startSim();
    const pos = await fx.loggedIn('POS1', 'L0');
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyFrame, { minLength: 1, maxLength: 5 }), async (frames) => {
        round += 1;
        for (const text of frames) pos.sendText(text);
        const serviceId = `Z${String(round)}`;
        await stillServes(pos, serviceId);
        expect(pos.isOpen).toBe(true);
      }),
      { numRuns: 150, seed: 20260101 },
    );
    // No frame ever hit a bug inside the simulator.
    const internal = pos.frames.all.filter((f) =>
      String(f.get('EventNotification.EventDetails')).includes('internal'),
    );
    expect(internal).toEqual([]);
    expect(pos.frames.problems).toEqual([]);
    expect(fx.sim.state().lifecycle).toBe('ready');
  });

  it('the same holds on an in-memory link', async () => {
    fx = await startSim();
    fx.ready();
    const { dialPos } = await import('./testing/pos-client');
    const pos = await dialPos(fx.sim.memoryDialer());
    let round = 0;
    await fc.assert(
      fc.asyncProperty(anyFrame, async (text) => {
        pos.sendText(text);
        // A fresh ServiceID within nexo's 10 characters for every probe (shrinking included).
        round += 1;
        await stillServes(pos, `M${String(round)}`);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(pos.isOpen).toBe(true);
  });
});
