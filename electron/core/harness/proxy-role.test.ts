import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallChannel, CallRequest, CallResponse, RunInfo } from '@shared/ipc';
import { callSchemas } from '@shared/ipc/schemas';
import { parseTrace } from '@shared/trace/reader';
import { summariseMessage } from '@shared/trace/view';
import { createHarnessCore, type HarnessCore } from '../harness';
import { dialerForUrl } from '../link/dial';
import { NexoKey } from '../link/nexo-crypto';
import { createSimulator, type Simulator } from '../simulator';
import { postTrusting } from '../simulator/testing/https-post';
import { dialPos, is, type TestPos } from '../simulator/testing/pos-client';
import * as req from '../simulator/testing/requests';
import { RealClock } from '../time/real-clock';
import { dispatchCall } from './dispatch';
import { recordEvents, type EventLog } from './testing/event-log';

// The terminal behind the proxy is ready at once and pays quickly.
const TERMINAL_SETTINGS = { initMs: 0, cardMs: 20, authMs: 20 };

let dataDir: string;
const cores: HarnessCore[] = [];
const simulators: Simulator[] = [];
const poses: TestPos[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'a2a-proxy-role-'));
});

afterEach(async () => {
  for (const pos of poses.splice(0)) pos.close();
  for (const core of cores.splice(0)) await core.stop();
  for (const simulator of simulators.splice(0)) await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One call as the renderer makes it; an expected failure comes back as a value. */
function call<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  payload: CallRequest<C>,
): ReturnType<typeof dispatchCall> {
  return dispatchCall(core.calls, channel, payload, (ch, error) => {
    throw new Error(`bug in ${ch}: ${String(error)}`);
  });
}

async function value<C extends CallChannel>(
  core: HarnessCore,
  channel: C,
  ...payload: CallRequest<C> extends undefined ? [] : [CallRequest<C>]
): Promise<CallResponse<C>> {
  const result = await call(core, channel, payload[0] as CallRequest<C>);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return callSchemas[channel].response.parse(result.value);
}

/** A core in client role, and a terminal (a real simulator of its own) on a WebSocket. */
async function rig(): Promise<{ core: HarnessCore; log: EventLog; terminalUrl: string }> {
  const terminal = createSimulator({ clock: new RealClock(), settings: TERMINAL_SETTINGS });
  simulators.push(terminal);
  const { nexoUrl } = await terminal.listen({ port: 0 });
  const core = createHarnessCore({
    mode: 'browser',
    dataDir,
    batchWindowMs: 5,
    initial: { role: 'client', peer: 'embedded', settings: { initMs: 0 } },
  });
  cores.push(core);
  return { core, log: recordEvents(core), terminalUrl: nexoUrl };
}

async function proxyRun(log: EventLog, from: number): Promise<RunInfo> {
  const event = await log.next((e) => e.type === 'run' && e.run.role === 'proxy', from);
  if (event.type !== 'run') throw new Error('unreachable');
  return event.run;
}

/** Puts the core in proxy role on TCP toward `upstream`; the run it started and the mark before. */
async function startTcpProxy(
  core: HarnessCore,
  log: EventLog,
  upstream: string,
): Promise<{ run: RunInfo; before: number }> {
  const before = log.mark();
  await value(core, 'simulator:configure', {
    role: 'proxy',
    listen: { wire: 'tcp', port: 0 },
    upstream,
  });
  return { run: await proxyRun(log, before), before };
}

async function connect(url: string): Promise<TestPos> {
  const dialer = dialerForUrl(url);
  if (!dialer.ok) throw new Error(dialer.error);
  const pos = await dialPos(dialer.value);
  poses.push(pos);
  return pos;
}

describe('proxy role in the core', () => {
  it('listens for the POS, forwards to the terminal, and plays the faults of the middle', async () => {
    const { core, log, terminalUrl } = await rig();
    const { run, before } = await startTcpProxy(core, log, terminalUrl);
    expect(run.proxy).toMatchObject({ listen: { wire: 'tcp', port: 0 }, upstream: terminalUrl });
    expect(run.proxy?.listenUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(run.header).toMatchObject({ role: 'proxy', profile: 'proxy' });
    expect(await value(core, 'session:snapshot')).toMatchObject({
      role: 'proxy',
      connected: false,
      reason: 'proxy role: the POS is external',
    });
    const faults = await value(core, 'faults:available');
    const byName = new Map(faults.map((f) => [f.fault, f]));
    expect(byName.get('approveThenDrop')).toMatchObject({ enabled: true });
    expect(byName.get('dropUpstreamLink')).toMatchObject({ enabled: true });
    expect(byName.get('restart')).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('not in proxy role') as string,
    });
    expect(byName.get('restartClient')).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('in proxy role the POS is external') as string,
    });

    const pos = await connect(run.proxy?.listenUrl ?? '');
    pos.send(req.login('L1'));
    expect((await pos.frames.until(is.response('Login', 'L1'))).result).toBe('Success');

    const armed = await value(core, 'faults:apply', { fault: 'approveThenDrop' });
    expect(armed.message).toBe('Approve then lose response: armed (acts on its message)');
    pos.send(req.payment('P1', { amount: 12.5 }));
    const dropped = await log.nextTrace(
      (e) => e.kind === 'message' && e.proxied === 'dropped',
      before,
    );
    expect(dropped).toMatchObject({ observer: 'proxy', leg: 'terminal', direction: 'toPos' });
    await log.nextTrace((e) => e.kind === 'fault' && e.name === 'approveThenDrop', before);
    expect(await value(core, 'simulator:ledger')).toMatchObject([
      { result: 'approved', serviceId: 'P1' },
    ]);

    // The blind resend of the lost payment: the live verdicts catch the double charge.
    pos.send(req.payment('P2', { amount: 12.5, saleTransactionId: 'TXP1' }));
    await pos.frames.until(is.response('Payment', 'P2'));
    const judged = await log.next(
      (e) =>
        e.type === 'verdicts' &&
        e.verdicts.verdicts.some((v) => v.checker === 'no-double-charge' && !v.pass),
      before,
    );
    expect(judged.type === 'verdicts' && judged.verdicts.pass).toBe(false);

    const saved = await value(core, 'trace:save');
    expect(saved.fileName).toMatch(/-proxy\.jsonl$/);
    const parsed = parseTrace(saved.text);
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const legs = parsed.value.events.flatMap((e) =>
      e.kind === 'message' ? [`${e.leg ?? '?'}:${summariseMessage(e).category ?? '?'}`] : [],
    );
    expect(legs).toContain('pos:Payment');
    expect(legs).toContain('terminal:Payment');
  });

  it('cuts the terminal link on demand, and the POS link follows as a cable would', async () => {
    const { core, log, terminalUrl } = await rig();
    const before = log.mark();
    await value(core, 'simulator:configure', {
      role: 'proxy',
      listen: { wire: 'ws', port: 0 },
      upstream: terminalUrl,
    });
    const run = await proxyRun(log, before);
    expect(run.proxy?.listenUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/nexo$/);
    const pos = await connect(run.proxy?.listenUrl ?? '');
    pos.send(req.login('L1'));
    await pos.frames.until(is.response('Login', 'L1'));

    await value(core, 'faults:apply', { fault: 'dropUpstreamLink' });

    expect((await pos.closed).abrupt).toBe(true);
    await log.nextTrace(
      (e) => e.kind === 'poiSession' && e.change === 'closed' && e.link === 'pos-1',
      before,
    );
  });

  it('joins the Terminal API to the Terminal API: its own CA for the POS, the key on both legs, no terminal link to drop', async () => {
    const key = { keyIdentifier: 'proxyKey', keyVersion: 1, passphrase: 'proxy passphrase' };
    const terminal = createSimulator({
      clock: new RealClock(),
      settings: TERMINAL_SETTINGS,
      terminalApi: { key, requireEncryption: true },
    });
    simulators.push(terminal);
    const listening = await terminal.listen({ port: 0, httpsPort: 0, dataDir });
    const { core, log } = await rig();
    const before = log.mark();
    await value(core, 'simulator:configure', {
      role: 'proxy',
      listen: { wire: 'terminal-api', port: 0 },
      upstream: listening.httpsUrl ?? '',
      terminalApi: { caFile: listening.caFile ?? '', key },
    });

    const run = await proxyRun(log, before);
    expect(run.proxy?.listenUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nexo$/);
    expect(run.proxy?.caFile).toBe(join(dataDir, 'tls', 'ca.pem'));
    expect(run.terminalApi).toEqual({
      keyIdentifier: 'proxyKey',
      keyVersion: 1,
      caFile: listening.caFile,
    });
    const byName = new Map((await value(core, 'faults:available')).map((f) => [f.fault, f]));
    expect(byName.get('dropUpstreamLink')).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('keep no link to the terminal') as string,
    });
    expect(byName.get('dropLink')).toMatchObject({ enabled: true });

    // A POS with the key logs in through the proxy; the terminal opened what the proxy sealed.
    const sealer = new NexoKey(key);
    const login = req.login('L1');
    const header = (login.SaleToPOIRequest as { MessageHeader: unknown }).MessageHeader;
    const answer = await postTrusting(
      run.proxy?.listenUrl ?? '',
      await readFile(run.proxy?.caFile ?? ''),
      JSON.stringify({ SaleToPOIRequest: sealer.encrypt(JSON.stringify(login), header) }),
    );
    expect(answer.status).toBe(200);
    const opened = sealer.decrypt(
      (JSON.parse(answer.text) as { SaleToPOIResponse: unknown }).SaleToPOIResponse,
    );
    if (!opened.ok) throw new Error(opened.error);
    expect(JSON.parse(opened.value)).toMatchObject({
      SaleToPOIResponse: { LoginResponse: { Response: { Result: 'Success' } } },
    });
  });

  it('shows the faults armed in the middle, pushed and answered, and takes them back one or all', async () => {
    const { core, log, terminalUrl } = await rig();
    // Before proxy role, a kind only the middle has is never armed on the simulator.
    const outside = await call(core, 'faults:disarm', { armed: 'ignoreNextRequests' });
    expect(outside).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: 'Ignore next requests: a fault of the middle, never armed here',
      },
    });

    const { before } = await startTcpProxy(core, log, terminalUrl);
    await value(core, 'faults:apply', { fault: 'busyNextLogins', count: 3 });
    await value(core, 'faults:apply', { fault: 'busyNextLogins', count: 3 });
    await value(core, 'faults:apply', { fault: 'ignoreNextRequests', count: 2 });

    // The window hears of it without asking (the `simulator` push carries the proxy's part).
    await log.next(
      (e) =>
        e.type === 'simulator' &&
        e.simulator.proxy?.faults.busyNextLogins === 6 &&
        e.simulator.proxy.faults.ignoreNextRequests === 2,
      before,
    );
    expect((await value(core, 'simulator:state')).proxy?.faults).toMatchObject({
      busyNextLogins: 6,
      ignoreNextRequests: 2,
    });

    const one = await value(core, 'faults:disarm', { armed: 'busyNextLogins' });
    expect(one.proxy?.faults).toMatchObject({ busyNextLogins: 0, ignoreNextRequests: 2 });
    await log.nextTrace(
      (e) => e.kind === 'fault' && e.name === 'busyNextLogins' && e.phase === 'disarmed',
      before,
    );
    const notHere = await call(core, 'faults:disarm', { armed: 'restartDuringPayment' });
    expect(notHere).toMatchObject({
      ok: false,
      error: { message: 'Restart during payment: never armed in proxy role' },
    });

    const all = await value(core, 'faults:disarm', {});
    expect(all.proxy?.faults).toEqual({
      busyNextLogins: 0,
      ignoreNextRequests: 0,
      dropNextResponse: [],
      delayResponses: {},
      approveThenDrop: false,
    });
    await log.nextTrace(
      (e) => e.kind === 'fault' && e.name === 'ignoreNextRequests' && e.phase === 'disarmed',
      before,
    );
  });

  it('pushes the latency it adds per direction, and its links say their wire on both legs', async () => {
    const { core, log, terminalUrl } = await rig();
    const { run, before } = await startTcpProxy(core, log, terminalUrl);
    expect((await value(core, 'simulator:state')).proxy?.latency).toEqual({
      toTerminal: { count: 0, medianMs: null, p99Ms: null },
      toPos: { count: 0, medianMs: null, p99Ms: null },
    });

    const pos = await connect(run.proxy?.listenUrl ?? '');
    pos.send(req.login('L1'));
    await pos.frames.until(is.response('Login', 'L1'));
    // Sent once the terminal link is open (frames queued while it opens wait for the dial).
    pos.send(req.diagnosis('D1'));
    await pos.frames.until(is.response('Diagnosis', 'D1'));

    const pushed = await log.next(
      (e) =>
        e.type === 'simulator' &&
        (e.simulator.proxy?.latency.toTerminal.count ?? 0) > 0 &&
        (e.simulator.proxy?.latency.toPos.count ?? 0) > 0,
      before,
    );
    if (pushed.type !== 'simulator') throw new Error('unreachable');
    for (const way of [
      pushed.simulator.proxy?.latency.toTerminal,
      pushed.simulator.proxy?.latency.toPos,
    ]) {
      expect(way?.medianMs).toBeGreaterThanOrEqual(0);
      expect(way?.p99Ms).toBeGreaterThanOrEqual(way?.medianMs ?? Infinity);
    }

    const posLink = await log.nextTrace(
      (e) => e.kind === 'link' && e.observer === 'poi' && e.change === 'opened',
      before,
    );
    expect(posLink).toMatchObject({ link: 'pos-1', wire: 'tcp' });
    const terminalLink = await log.nextTrace(
      (e) => e.kind === 'link' && e.observer === 'proxy' && e.change === 'opened',
      before,
    );
    expect(terminalLink).toMatchObject({ wire: 'ws' });
    pos.close();
    const closed = await log.nextTrace(
      (e) => e.kind === 'link' && e.observer === 'poi' && e.change === 'closed',
      before,
    );
    expect(closed).toMatchObject({ link: 'pos-1', wire: 'tcp' });
  });

  it('refuses a pair the proxy cannot join, naming the pairs it supports', async () => {
    const { core } = await rig();
    const result = await call(core, 'simulator:configure', {
      role: 'proxy',
      listen: { wire: 'tcp', port: 0 },
      upstream: 'http://127.0.0.1:1',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('supported:') as string },
    });
    expect((await value(core, 'faults:available')).every((f) => !f.enabled)).toBe(true);
  });
});
