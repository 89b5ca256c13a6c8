import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { FrameDecoder, encodeFrame } from '../../core/link/length-prefix';
import { buildProgram, runProgram } from '../program';
import { captureLines } from '../testing/in-process';
import { createSimulatorCommand, parseSimulatorFlags, runSimulator } from './simulator';

const defaults = { port: '0', profile: 'app2app' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a2a simulator flags', () => {
  it('takes the settings from the flags', () => {
    const parsed = parseSimulatorFlags({
      port: '8123',
      profile: 'nexo',
      initMs: '0',
      cardMs: '10',
      authMs: '20',
      currency: 'usd',
    });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        port: 8123,
        profile: 'nexo',
        json: false,
        settings: expect.objectContaining({ initMs: 0, cardMs: 10, authMs: 20, currency: 'USD' }),
      }),
    });
  });

  it('takes allowed origins in their origin form, a link token and --no-mask', () => {
    const parsed = parseSimulatorFlags({
      port: '0',
      profile: 'app2app',
      allowOrigin: ['https://POS.example:443/app', 'http://127.0.0.1:5173'],
      linkToken: 's3cret',
      mask: false,
    });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        allowOrigins: ['https://pos.example', 'http://127.0.0.1:5173'],
        linkToken: 's3cret',
        mask: false,
      }),
    });
    expect(parseSimulatorFlags({ port: '0', profile: 'app2app', allowOrigin: ['pos'] })).toEqual({
      ok: false,
      error: '--allow-origin: "pos" is not an origin (use scheme://host[:port])',
    });
  });

  it.each([
    [{ port: 'abc' }, '--port must be a whole number from 0 to 65535, not "abc"'],
    [{ port: '70000' }, '--port must be a whole number from 0 to 65535, not "70000"'],
    [{ profile: 'ingenico' }, '--profile must be one of app2app, nexo, adyen, not "ingenico"'],
    [{ initMs: '-1' }, '--init-ms must be a whole number of milliseconds (0 or more), not "-1"'],
    [{ cardMs: '1.5' }, '--card-ms must be a whole number of milliseconds (0 or more), not "1.5"'],
    [{ authMs: '' }, '--auth-ms must be a whole number of milliseconds (0 or more), not ""'],
    [{ authMs: '999999999' }, expect.stringMatching(/^--auth-ms: Too big/)],
    [{ currency: 'EURO' }, '--currency: a three-letter ISO 4217 code such as EUR'],
  ])('refuses %o', (flags, message) => {
    expect(parseSimulatorFlags({ ...defaults, ...flags })).toEqual({ ok: false, error: message });
  });

  it('exits 2 with one line on stderr for a bad flag', async () => {
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    const io = captureLines();
    const program = buildProgram([createSimulatorCommand(io.io)]);
    const code = await runProgram(program, ['simulator', '--profile', 'nope']);
    expect(code).toBe(2);
    expect(stderr.join('')).toBe(
      'error: --profile must be one of app2app, nexo, adyen, not "nope"\n',
    );
    expect(io.out).toEqual([]);
  });
});

describe('a2a simulator --tcp-port', () => {
  it('--json names the TCP front too, which a plain net POS logs in over', async () => {
    const io = captureLines();
    const stop = new AbortController();
    const parsed = parseSimulatorFlags({ ...defaults, initMs: '0', tcpPort: '0', json: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const exit = runSimulator(parsed.value, io.io, stop.signal);

    const line = JSON.parse(await io.firstLine) as Record<string, string>;
    expect(Object.keys(line)).toEqual(['event', 'nexoUrl', 'tcpUrl', 'controlUrl', 'token']);
    const match = /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(line.tcpUrl ?? '');
    expect(match).not.toBeNull();

    const socket = connect({ host: '127.0.0.1', port: Number(match?.[1]) });
    const decoder = new FrameDecoder(1024 * 1024);
    const answer = new Promise<string>((resolve) =>
      socket.on('data', (segment: Buffer) => {
        const [first] = decoder.push(segment);
        if (first?.kind === 'frame') resolve(first.text);
      }),
    );
    socket.write(
      encodeFrame(
        JSON.stringify({
          SaleToPOIRequest: {
            MessageHeader: {
              MessageClass: 'Service',
              MessageCategory: 'Login',
              MessageType: 'Request',
              ServiceID: '1',
              SaleID: 'S',
              POIID: 'P',
            },
            LoginRequest: {
              DateTime: '2026-01-01T00:00:00Z',
              SaleSoftware: {
                ProviderIdentification: 'x',
                ApplicationName: 'y',
                SoftwareVersion: '1',
              },
            },
          },
        }),
      ),
    );
    expect(JSON.parse(await answer)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    stop.abort();
    await expect(exit).resolves.toBe(0);
    await ended;
    socket.destroy();
    expect(io.errors).toEqual([]);
  });

  it('binds loopback unless --host is given, and warns when it is', async () => {
    expect(parseSimulatorFlags({ ...defaults, tcpPort: '7778' })).toMatchObject({
      ok: true,
      value: { host: '127.0.0.1', tcpPort: 7778 },
    });
    expect(parseSimulatorFlags({ ...defaults, tcpPort: 'x' })).toEqual({
      ok: false,
      error: '--tcp-port must be a whole number from 0 to 65535, not "x"',
    });
    const io = captureLines();
    const stop = new AbortController();
    const parsed = parseSimulatorFlags({ ...defaults, host: '127.0.0.2', json: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const exit = runSimulator(parsed.value, io.io, stop.signal);
    const line = JSON.parse(await io.firstLine) as Record<string, string>;
    expect(line.nexoUrl).toMatch(/^ws:\/\/127\.0\.0\.2:\d+\/nexo$/);
    stop.abort();
    await expect(exit).resolves.toBe(0);
    expect(io.errors).toHaveLength(1);
    expect(JSON.parse(io.errors[0] ?? '{}')).toMatchObject({
      event: 'warning',
      message: expect.stringMatching(/^listening on 127\.0\.0\.2: anyone who can reach/),
    });
  });
});

describe('rule 16: a2a simulator', () => {
  it('--json prints exactly the listening line, serves a plain WebSocket POS, and exits 0 when stopped', async () => {
    const io = captureLines();
    const stop = new AbortController();
    const parsed = parseSimulatorFlags({ ...defaults, initMs: '0', json: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const exit = runSimulator(parsed.value, io.io, stop.signal);

    const line = JSON.parse(await io.firstLine) as Record<string, string>;
    expect(Object.keys(line)).toEqual(['event', 'nexoUrl', 'controlUrl', 'token']);
    expect(line.event).toBe('listening');
    expect(line.nexoUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
    expect(line.controlUrl).toBe(
      line.nexoUrl?.replace('ws:', 'http:').replace('/nexo', '/control'),
    );

    // The control API answers with the printed token.
    const state = await fetch(`${line.controlUrl ?? ''}/state`, {
      headers: { Authorization: `Bearer ${line.token ?? ''}` },
    });
    expect(((await state.json()) as { lifecycle: string }).lifecycle).toMatch(/initialising|ready/);

    // A plain WebSocket client logs in (initMs 0: ready at once, in real time).
    const socket = new WebSocket(line.nexoUrl ?? '');
    await new Promise((resolve) => socket.once('open', resolve));
    const answer = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    );
    socket.send(
      JSON.stringify({
        SaleToPOIRequest: {
          MessageHeader: {
            MessageClass: 'Service',
            MessageCategory: 'Diagnosis',
            MessageType: 'Request',
            ServiceID: '1',
            SaleID: 'S',
            POIID: 'P',
          },
          DiagnosisRequest: {},
        },
      }),
    );
    // app2app ignores requests without a session; a Login is answered.
    socket.send(
      JSON.stringify({
        SaleToPOIRequest: {
          MessageHeader: {
            MessageClass: 'Service',
            MessageCategory: 'Login',
            MessageType: 'Request',
            ServiceID: '2',
            SaleID: 'S',
            POIID: 'P',
          },
          LoginRequest: {
            DateTime: '2026-01-01T00:00:00Z',
            SaleSoftware: {
              ProviderIdentification: 'x',
              ApplicationName: 'y',
              SoftwareVersion: '1',
            },
          },
        },
      }),
    );
    const login = JSON.parse(await answer) as {
      SaleToPOIResponse: { MessageHeader: { ServiceID: string } };
    };
    expect(login.SaleToPOIResponse.MessageHeader.ServiceID).toBe('2');
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));

    stop.abort();
    await expect(exit).resolves.toBe(0);
    expect(await closed).toBe(1001);
    expect(io.out).toHaveLength(1);
    expect(io.errors).toEqual([]);
  });

  it('prints a banner and logs the lifecycle without --json', async () => {
    const io = captureLines();
    const stop = new AbortController();
    const parsed = parseSimulatorFlags({ ...defaults, profile: 'adyen', currency: 'GBP' });
    if (!parsed.ok) throw new Error(parsed.error);
    const exit = runSimulator(parsed.value, io.io, stop.signal);
    const banner = await io.firstLine;
    expect(banner).toMatch(/profile adyen, GBP/);
    expect(banner).toMatch(/POS endpoint +ws:\/\/127\.0\.0\.1:\d+\/nexo/);
    expect(banner).toMatch(/Token +\S+/);
    stop.abort();
    await expect(exit).resolves.toBe(0);
    expect(io.errors[0]).toBe('lifecycle stopped → initialising (start), version 1.0.0');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const io = captureLines();
    const parsed = parseSimulatorFlags({ ...defaults, port: String(port), json: true });
    if (!parsed.ok) throw new Error(parsed.error);
    const code = await runSimulator(parsed.value, io.io, new AbortController().signal);
    await new Promise((resolve) => blocker.close(resolve));
    expect(code).toBe(1);
    expect(io.errors).toHaveLength(1);
    expect(JSON.parse(io.errors[0] ?? '')).toMatchObject({ event: 'error', message: /EADDRINUSE/ });
  });
});
