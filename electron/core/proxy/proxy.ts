import { performance } from 'node:perf_hooks';
import { encode } from '@shared/protocol/codec';
import { decode } from '@shared/protocol/codec';
import { parseJsonText } from '@shared/protocol/json-depth';
import { failure, loginResponse } from '@shared/protocol/build';
import {
  NOT_IN_PROXY,
  ProxyFaultCommand,
  type ProxyArmedFaultKind,
  type ProxyFaultName,
  type ProxyPairSnapshot,
  type ProxyStateSnapshot,
} from '@shared/proxy/faults';
import { MiddleFaults, type MiddleMessage } from '@shared/proxy/middle';
import { ReportedLedger } from '@shared/proxy/reported-ledger';
import { err, ok, type Result } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import type { EventBody, EventOf, EventSink, LedgerEntry } from '@shared/trace/events';
import { summariseMessage } from '@shared/trace/view';
import {
  encryptedOf,
  wireOf,
  type Dialer,
  type FrameMeta,
  type Link,
  type LinkClosed,
} from '../link/link';
import { LatencySamples } from './latency';

/** How to make a proxy. */
export interface ProxyOptions {
  readonly clock: Clock;
  /** Opens one link to the real terminal; called once per POS connection. */
  readonly upstream: Dialer;
  /** The terminal's endpoint as the user gave it (shown in the state). */
  readonly upstreamUrl: string;
  /** Most POS frames held while the terminal link is still being opened. */
  readonly maxQueuedFrames?: number;
  /** Measures the time the proxy adds, in ms (default `performance.now`). */
  readonly measure?: () => number;
  /**
   * Faults that cannot apply on this pair's wires, with the reason (README "The proxy role":
   * the HTTP wires keep no link to the terminal to drop).
   */
  readonly notOnThisPair?: Readonly<Partial<Record<ProxyFaultName, string>>>;
}

/** The proxy role's engine: POS links in, one terminal link per POS link out, faults between. */
export interface Proxy {
  /** Takes a POS connection and dials the terminal for it. */
  accept(pos: Link): void;
  /** Arms or applies a fault in the middle; an invalid or inapplicable one is an error value. */
  apply(command: unknown): Result<void, string>;
  /** Disarms every fault. */
  reset(): void;
  /**
   * Takes back armed faults before they hit: one kind, or (without `kind`) every armed one.
   * Each kind taken back is a `disarmed` fault event, as on the simulator, so the timeline says
   * what was cleared.
   */
  disarm(kind?: ProxyArmedFaultKind): void;
  state(): ProxyStateSnapshot;
  /** Approvals and reversals the terminal reported. */
  ledger(): readonly LedgerEntry[];
  /** Where the proxy listens, once it does (shown in the state). */
  setListenUrl(url: string): void;
  onEvent(fn: EventSink): () => void;
  /** Records an event a listening front saw on the POS side (a request it refused unread). */
  record(event: EventBody): void;
  /**
   * Whether a payment the proxy forwarded still waits for the terminal's response: the Local
   * API answers a second payment 403 meanwhile (README "Local API over HTTP").
   */
  paymentRunning(): boolean;
  /** True once closed: a listening front then refuses new POS connections. */
  readonly closed: boolean;
  /** Cuts every pair; resolves when no more events will come. */
  close(): Promise<void>;
}

/** Normal WebSocket-style closure, and the code for "the server hit a condition it could not handle". */
const NORMAL = 1000;
const UPSTREAM_UNREACHABLE = 1011;
const DEFAULT_MAX_QUEUED = 1000;

interface Pair {
  readonly pos: Link;
  upstream: Link | undefined;
  readonly waiting: string[];
  saleId: string | undefined;
  session: ProxyPairSnapshot['session'];
  readonly openedAt: string;
  /** When the last delayed message reaches the POS: delays never reorder a pair's messages. */
  deliverFreeAt: number;
  closing: boolean;
  /** ServiceIDs of payments forwarded to the terminal whose response has not come back. */
  readonly paymentsInFlight: Set<string>;
}

interface Frame {
  readonly text: string;
  readonly meta: FrameMeta | undefined;
  readonly json: unknown;
  readonly parsed: boolean;
  readonly message: MiddleMessage & {
    readonly serviceId: string | undefined;
    readonly saleId: string | undefined;
  };
}

function readFrame(text: string, meta?: FrameMeta): Frame {
  // Nesting is checked on the text before anything is parsed (README "Reliability and limits").
  const result = parseJsonText(text);
  const parsed = result.ok;
  const json = result.ok ? result.value : undefined;
  const summary = summariseMessage({
    kind: 'message',
    observer: 'poi',
    direction: 'toPoi',
    link: '',
    ...(parsed ? { json } : { text }),
  });
  return {
    text,
    meta,
    json,
    parsed,
    message: {
      envelope: summary.envelope,
      category: summary.category,
      type: summary.type,
      result: summary.result,
      serviceId: summary.serviceId,
      saleId: summary.saleId,
    },
  };
}

function isPaymentRequest(frame: Frame): boolean {
  const { envelope, category, type } = frame.message;
  return envelope === 'SaleToPOIRequest' && category === 'Payment' && type === 'Request';
}

/**
 * The frame as a message event's payload: parsed JSON (or the raw text that was not JSON), the
 * wire and encryption of the link it came on, and the HTTP exchange that moved it.
 */
function payload(frame: Frame, link: Link | undefined): Omit<EventOf<'message'>, SetByCaller> {
  return {
    ...(frame.parsed ? { json: frame.json } : { text: frame.text }),
    ...(link === undefined ? {} : { ...wireOf(link), ...encryptedOf(link) }),
    ...(frame.meta?.http === undefined ? {} : { http: frame.meta.http }),
  };
}

/** The fields of a message event the proxy sets itself, not from the frame. */
type SetByCaller = 'kind' | 'observer' | 'direction' | 'link' | 'leg' | 'proxied';

/**
 * Creates the proxy. Messages pass through unchanged (the POS's text is what the terminal gets,
 * and the other way round); each POS connection gets its own terminal connection, and when
 * either closes or drops the proxy does the same to the other, as a cable would. The events it
 * emits tell one story from the POS's side (observer `poi`) plus what only the proxy saw on the
 * terminal leg (observer `proxy`), so the checkers judge the POS exactly as in terminal role.
 */
export function createProxy(options: ProxyOptions): Proxy {
  const { clock } = options;
  const measure = options.measure ?? (() => performance.now());
  const maxQueued = options.maxQueuedFrames ?? DEFAULT_MAX_QUEUED;
  const sinks = new Set<EventSink>();
  const pairs = new Map<string, Pair>();
  const faults = new MiddleFaults();
  const ledger = new ReportedLedger();
  const toTerminal = new LatencySamples();
  const toPos = new LatencySamples();
  const pendingTimers = new Set<ReturnType<Clock['setTimeout']>>();
  let listenUrl: string | null = null;
  let closed = false;

  const emit = (event: EventBody): void => {
    for (const fn of [...sinks]) fn(event);
  };
  const wallTime = (): string => new Date(clock.wallNow()).toISOString();

  const linkClosed = (
    observer: 'poi' | 'proxy',
    link: Link,
    how: LinkClosed,
    reason?: string,
  ): void => {
    emit({
      kind: 'link',
      observer,
      link: link.id,
      ...wireOf(link),
      change: 'closed',
      code: how.code,
      abrupt: how.abrupt,
      ...(reason === undefined ? {} : { reason }),
    });
  };

  /** Ends the other side the way this side ended: a drop stays a drop, a close a close. */
  const mirrorClose = (other: Link | undefined, how: LinkClosed): void => {
    if (!other?.isOpen) return;
    if (how.abrupt) other.terminate();
    else other.close(how.code === 1005 || how.code === 1006 ? NORMAL : how.code, how.reason);
  };

  const endSession = (pair: Pair, reason: string): void => {
    if (pair.session !== 'loggedIn') return;
    pair.session = 'none';
    emit({
      kind: 'poiSession',
      link: pair.pos.id,
      change: 'closed',
      reason,
      ...(pair.saleId === undefined ? {} : { saleId: pair.saleId }),
    });
  };

  /** What the terminal's answer reveals about the POS's session. */
  const trackSession = (pair: Pair, frame: Frame): void => {
    const { category, envelope, result, serviceId } = frame.message;
    if (envelope !== 'SaleToPOIResponse') return;
    if (category === 'Login' && result === 'Success' && pair.session !== 'loggedIn') {
      pair.session = 'loggedIn';
      emit({
        kind: 'poiSession',
        link: pair.pos.id,
        change: 'opened',
        reason: 'the terminal answered Login with Success',
        ...(pair.saleId === undefined ? {} : { saleId: pair.saleId }),
        ...(serviceId === undefined ? {} : { serviceId }),
      });
    } else if (category === 'Logout' && result === 'Success') {
      endSession(pair, 'the terminal answered Logout with Success');
      pair.session = 'loggedOut';
    }
  };

  const sendUp = (pair: Pair, text: string, started: number): void => {
    if (pair.upstream?.isOpen) {
      pair.upstream.send(text);
      toTerminal.add(measure() - started);
    } else if (pair.waiting.length < maxQueued) {
      pair.waiting.push(text);
    } else {
      pair.closing = true;
      pair.pos.close(UPSTREAM_UNREACHABLE, 'the terminal link is not open and the queue is full');
    }
  };

  const answerBusy = (pair: Pair, frame: Frame): boolean => {
    const decoded = decode(frame.text);
    if (!decoded.ok || !('SaleToPOIRequest' in decoded.value.envelope)) return false;
    const header = decoded.value.envelope.SaleToPOIRequest.MessageHeader;
    const encoded = encode(
      loginResponse(header, failure('Busy', 'the payment application is starting')),
    );
    if (!encoded.ok) return false;
    emit({
      kind: 'message',
      observer: 'poi',
      direction: 'toPos',
      link: pair.pos.id,
      json: JSON.parse(encoded.value) as unknown,
      ...wireOf(pair.pos),
      ...encryptedOf(pair.pos),
      leg: 'pos',
      proxied: 'synthesised',
    });
    pair.pos.send(encoded.value);
    return true;
  };

  const fromPos = (pair: Pair, text: string, meta?: FrameMeta): void => {
    const started = measure();
    const frame = readFrame(text, meta);
    pair.saleId ??= frame.message.saleId;
    const fate = faults.onPosMessage(frame.message);
    const hit = {
      link: pair.pos.id,
      ...(frame.message.category === undefined ? {} : { category: frame.message.category }),
      ...(frame.message.serviceId === undefined ? {} : { serviceId: frame.message.serviceId }),
    };
    const forwarded = fate.kind === 'forward';
    emit({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: pair.pos.id,
      ...payload(frame, pair.pos),
      leg: 'pos',
      proxied: forwarded ? 'forwarded' : 'swallowed',
    });
    switch (fate.kind) {
      case 'forward':
        ledger.onRequest(pair.pos.id, frame.json);
        if (isPaymentRequest(frame)) pair.paymentsInFlight.add(frame.message.serviceId ?? '');
        sendUp(pair, text, started);
        return;
      case 'swallow':
        emit({ kind: 'fault', name: fate.fault, phase: 'hit', hit });
        emit({
          kind: 'poiSession',
          change: 'ignored',
          reason: 'swallowed in the middle, as a terminal without a session would',
          ...(pair.saleId === undefined ? {} : { saleId: pair.saleId }),
          ...hit,
        });
        return;
      case 'answerBusy':
        emit({ kind: 'fault', name: fate.fault, phase: 'hit', hit });
        if (!answerBusy(pair, frame)) {
          // A Login we cannot answer in kind goes to the terminal rather than vanish.
          sendUp(pair, text, started);
        }
        return;
    }
  };

  const deliver = (pair: Pair, frame: Frame, started: number): void => {
    if (!pair.pos.isOpen) return;
    emit({
      kind: 'message',
      observer: 'poi',
      direction: 'toPos',
      link: pair.pos.id,
      // As the POS gets it: on its own link's wire; the terminal leg's HTTP exchange is not its.
      ...payload({ ...frame, meta: undefined }, pair.pos),
      leg: 'terminal',
      proxied: 'forwarded',
    });
    trackSession(pair, frame);
    pair.pos.send(frame.text);
    toPos.add(measure() - started);
  };

  const fromTerminal = (pair: Pair, upstream: Link, text: string, meta?: FrameMeta): void => {
    const started = measure();
    const frame = readFrame(text, meta);
    if (frame.message.envelope === 'SaleToPOIResponse' && frame.message.category === 'Payment') {
      pair.paymentsInFlight.delete(frame.message.serviceId ?? '');
    }
    const change = frame.parsed
      ? ledger.onResponse(pair.pos.id, frame.json, wallTime())
      : undefined;
    if (change !== undefined) emit({ kind: 'ledger', ...change });
    const fate = faults.onTerminalMessage(frame.message);
    if (fate.kind === 'drop') {
      emit({
        kind: 'message',
        observer: 'proxy',
        direction: 'toPos',
        link: upstream.id,
        ...payload(frame, upstream),
        leg: 'terminal',
        proxied: 'dropped',
      });
      emit({
        kind: 'fault',
        name: fate.fault,
        phase: 'hit',
        hit: {
          link: pair.pos.id,
          ...(frame.message.category === undefined ? {} : { category: frame.message.category }),
          ...(frame.message.serviceId === undefined ? {} : { serviceId: frame.message.serviceId }),
        },
      });
      return;
    }
    const now = clock.now();
    const at = Math.max(now + fate.delayMs, pair.deliverFreeAt);
    if (at <= now) {
      deliver(pair, frame, started);
      return;
    }
    pair.deliverFreeAt = at;
    const timer = clock.setTimeout(() => {
      pendingTimers.delete(timer);
      deliver(pair, frame, started);
    }, at - now);
    pendingTimers.add(timer);
  };

  const connectUpstream = async (pair: Pair): Promise<void> => {
    const dialed = await options.upstream();
    if (!dialed.ok) {
      emit({
        kind: 'link',
        observer: 'proxy',
        link: `${pair.pos.id}-terminal`,
        change: 'closed',
        code: UPSTREAM_UNREACHABLE,
        abrupt: true,
        reason: `the terminal at ${options.upstreamUrl} is unreachable: ${dialed.error}`,
      });
      pair.closing = true;
      pair.pos.close(UPSTREAM_UNREACHABLE, 'the terminal is unreachable');
      return;
    }
    const upstream = dialed.value;
    if (pair.closing || !pair.pos.isOpen || closed) {
      upstream.close(NORMAL, 'the POS left');
      return;
    }
    pair.upstream = upstream;
    emit({
      kind: 'link',
      observer: 'proxy',
      link: upstream.id,
      ...wireOf(upstream),
      change: 'opened',
    });
    upstream.onMessage((text, meta) => fromTerminal(pair, upstream, text, meta));
    // An answer that carried no nexo message (HTTP 401, a certificate, a blob that did not
    // open) is said on the terminal leg, not left to the POS's timeout (README "Terminal API wire").
    upstream.onPeerRefusal?.((refusal) =>
      emit({
        kind: 'security',
        observer: 'proxy',
        link: upstream.id,
        ...wireOf(upstream),
        reason: refusal.reason,
        detail: refusal.detail,
        ...(refusal.saleId === undefined ? {} : { saleId: refusal.saleId }),
        ...(refusal.serviceId === undefined ? {} : { serviceId: refusal.serviceId }),
        ...(refusal.category === undefined ? {} : { category: refusal.category }),
      }),
    );
    upstream.onClose((how) => {
      linkClosed('proxy', upstream, how);
      pair.closing = true;
      mirrorClose(pair.pos, how);
    });
    const waiting = pair.waiting.splice(0);
    for (const text of waiting) upstream.send(text);
  };

  const applyNow = (command: ProxyFaultCommand): void => {
    switch (command.fault) {
      case 'dropLink':
      case 'dropUpstreamLink': {
        const terminal = command.fault === 'dropUpstreamLink';
        for (const pair of pairs.values()) {
          if (command.linkId !== 'all' && command.linkId !== pair.pos.id) continue;
          const link = terminal ? pair.upstream : pair.pos;
          link?.terminate();
        }
        emit({
          kind: 'fault',
          name: command.fault,
          phase: 'applied',
          args: { linkId: command.linkId },
        });
        return;
      }
      case 'busyNextLogins':
      case 'ignoreNextRequests':
      case 'dropNextResponse':
      case 'delayResponses':
      case 'approveThenDrop':
      case 'clearFaults': {
        faults.arm(command);
        const { fault, ...args } = command;
        emit({
          kind: 'fault',
          name: fault,
          phase: fault === 'clearFaults' ? 'applied' : 'armed',
          args,
        });
        return;
      }
    }
  };

  return {
    accept(pos) {
      if (closed) {
        pos.close(NORMAL, 'the proxy is closed');
        return;
      }
      const pair: Pair = {
        pos,
        upstream: undefined,
        waiting: [],
        saleId: undefined,
        session: 'none',
        openedAt: wallTime(),
        deliverFreeAt: 0,
        closing: false,
        paymentsInFlight: new Set(),
      };
      pairs.set(pos.id, pair);
      emit({ kind: 'link', observer: 'poi', link: pos.id, ...wireOf(pos), change: 'opened' });
      pos.onMessage((text, meta) => fromPos(pair, text, meta));
      pos.onClose((how) => {
        pairs.delete(pos.id);
        linkClosed('poi', pos, how);
        endSession(pair, how.abrupt ? 'the POS link dropped' : 'the POS link closed');
        pair.closing = true;
        mirrorClose(pair.upstream, how);
      });
      void connectUpstream(pair);
    },
    apply(command) {
      const name = (command as { fault?: unknown } | null)?.fault;
      if (typeof name === 'string' && name in NOT_IN_PROXY) {
        return err(
          `${name} cannot apply in proxy role: ${NOT_IN_PROXY[name as keyof typeof NOT_IN_PROXY] ?? ''}`,
        );
      }
      const notHere =
        typeof name === 'string' ? options.notOnThisPair?.[name as ProxyFaultName] : undefined;
      if (notHere !== undefined)
        return err(`${String(name)} cannot apply on these wires: ${notHere}`);
      const parsed = ProxyFaultCommand.safeParse(command);
      if (!parsed.success) {
        return err(
          `not a proxy fault: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
        );
      }
      applyNow(parsed.data);
      return ok(undefined);
    },
    reset() {
      applyNow({ fault: 'clearFaults' });
    },
    disarm(kind) {
      for (const armed of kind === undefined ? faults.armedKinds() : [kind]) {
        if (faults.disarm(armed)) emit({ kind: 'fault', name: armed, phase: 'disarmed' });
      }
    },
    state() {
      return {
        role: 'proxy',
        listenUrl,
        upstream: options.upstreamUrl,
        pairs: [...pairs.values()].map((pair) => ({
          posLink: pair.pos.id,
          upstreamLink: pair.upstream?.id ?? null,
          ...(pair.saleId === undefined ? {} : { saleId: pair.saleId }),
          session: pair.session,
          openedAt: pair.openedAt,
        })),
        faults: faults.snapshot(),
        latency: { toTerminal: toTerminal.summary(), toPos: toPos.summary() },
        ledger: [...ledger.list()],
      };
    },
    ledger: () => ledger.list(),
    setListenUrl(url) {
      listenUrl = url;
    },
    record: emit,
    paymentRunning: () => [...pairs.values()].some((pair) => pair.paymentsInFlight.size > 0),
    get closed() {
      return closed;
    },
    onEvent(fn) {
      sinks.add(fn);
      return () => sinks.delete(fn);
    },
    async close() {
      closed = true;
      for (const timer of pendingTimers) clock.clearTimeout(timer);
      pendingTimers.clear();
      const ends: Promise<void>[] = [];
      for (const pair of pairs.values()) {
        pair.closing = true;
        for (const link of [pair.pos, pair.upstream]) {
          if (!link?.isOpen) continue;
          ends.push(new Promise((done) => link.onClose(() => done())));
          link.close(NORMAL, 'the proxy stopped');
        }
      }
      await Promise.all(ends);
    },
  };
}
