import {
  cancelTimer,
  dropRequest,
  emit,
  giveUp,
  opsInOrder,
  requestByServiceId,
  transition,
  type Ctx,
} from './context';
import {
  beginLogin,
  dialNow,
  onLoginBackoff,
  onLoginResponse,
  onLoginTimeout,
  scheduleReconnect,
  wantsLogin,
} from './login';
import {
  cloneModel,
  type OpModel,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type Timer,
} from './model';
import { settleClosing } from './logout';
import { invoke, onLost, onOpResponse, onPoiMessage, onQueueTimeout, pump } from './operations';
import { onPoll, onPollWindow } from './recovery';

/** What one {@link step} returns: the next model and what the runner must do, in order. */
export interface StepResult {
  readonly state: SessionModel;
  readonly effects: readonly SessionEffect[];
}

type Handler<K extends SessionInput['kind']> = (
  c: Ctx,
  input: Extract<SessionInput, { kind: K }>,
) => void;

const onStart: Handler<'start'> = (c) => {
  const m = c.m;
  m.started = true;
  if (m.link === undefined) dialNow(c, 'start');
  else if (wantsLogin(c)) beginLogin(c, 'start');
};

const onStop: Handler<'stop'> = (c, input) => {
  const m = c.m;
  const preserve = input.preserve ?? [];
  for (const op of opsInOrder(m)) {
    if (preserve.includes(op.id)) delete m.ops[op.id];
    else giveUp(c, op, input.reason, true);
  }
  for (const timer of ['queue', 'poll', 'pollWindow'] as const) {
    for (const id of preserve) cancelTimer(c, { kind: timer, op: id });
  }
  m.queue = [];
  m.joined = [];
  delete m.exclusive;
  delete m.closing;
  for (const key of Object.keys(m.requests)) dropRequest(c, key);
  if (m.reconnectPending) cancelTimer(c, { kind: 'reconnect' });
  if (m.login?.backoff) cancelTimer(c, { kind: 'loginBackoff' });
  delete m.login;
  if (m.link !== undefined)
    c.effects.push({ kind: 'closeLink', link: m.link, reason: input.reason });
  m.started = false;
  m.dialing = false;
  m.reconnectPending = false;
  delete m.link;
  transition(c, 'offline', input.reason);
};

const onDialed: Handler<'dialed'> = (c, input) => {
  const m = c.m;
  if (!m.dialing || !m.started) {
    // A dial that finished after stop (or a stray one): not ours to keep.
    c.effects.push({ kind: 'closeLink', link: input.link, reason: 'not wanted' });
    return;
  }
  m.dialing = false;
  m.link = input.link;
  if (m.reconnectAttempt > 0) m.counters.reconnects += 1;
  m.reconnectAttempt = 0;
  // A link that opens after an unconfirmed Logout leaves the POS logged out until asked.
  if (m.state === 'loggedOut') transition(c, 'loggedOut', 'loggedOut; link open');
  else transition(c, 'linked', 'link open');
  if (wantsLogin(c)) beginLogin(c, 'link open');
};

const onDialFailed: Handler<'dialFailed'> = (c, input) => {
  const m = c.m;
  if (!m.dialing) return;
  m.dialing = false;
  if (m.started) scheduleReconnect(c, `connect failed: ${input.error}`);
};

/** The link is gone: so is the session, and every answer still awaited on it. */
const onLinkClosed: Handler<'linkClosed'> = (c, input) => {
  const m = c.m;
  if (input.link !== m.link) return;
  delete m.link;
  if (m.login?.backoff) cancelTimer(c, { kind: 'loginBackoff' });
  delete m.login;
  const keep = m.state === 'loggedOut' || m.state === 'failed';
  if (keep) transition(c, m.state, `${m.state}; link closed (${input.reason})`);
  else if (m.started) scheduleReconnect(c, `link lost (${input.reason})`);
  else transition(c, 'offline', `link closed (${input.reason})`);
  const lost = Object.values(m.requests);
  for (const r of lost) dropRequest(c, r.key);
  for (const r of lost) {
    const op = r.op === undefined ? undefined : m.ops[r.op];
    if (op) onLost(c, r, op, 'linkLost');
  }
};

const onRecoverJournal: Handler<'recoverJournal'> = (c, input) => {
  const m = c.m;
  for (const entry of input.entries) {
    if (entry.op in m.ops) continue;
    const op: OpModel = {
      id: entry.op,
      request: {
        name: 'pay',
        amountMinor: entry.amountMinor,
        currency: entry.currency,
        saleTransactionId: entry.saleTransactionId,
        ...(entry.paymentType !== undefined ? { paymentType: entry.paymentType } : {}),
      },
      stage: 'recovering',
      serviceIds: [...entry.serviceIds],
      statusServiceIds: [],
      retries: 0,
      ...(entry.resentAfter !== undefined ? { resentAfter: entry.resentAfter } : {}),
    };
    if (input.announce) {
      emit(c, {
        kind: 'op',
        op: op.id,
        name: 'pay',
        phase: 'invoke',
        detail: { ...op.request, recoveredFromJournal: true, serviceIds: entry.serviceIds },
      });
    }
    m.ops[op.id] = op;
    m.queue.push(op.id);
    c.effects.push({
      kind: 'startTimer',
      timer: { kind: 'queue', op: op.id },
      ms: m.policy.queueTimeoutMs,
    });
  }
  // Recovering a payment needs a session, whatever loginOnStart says.
  if (input.entries.length > 0) m.autoLogin = true;
};

const onSent: Handler<'sent'> = (c, input) => {
  const m = c.m;
  const request = m.requests[input.request];
  if (!request || request.serviceId !== undefined) return;
  request.serviceId = input.serviceId;
  const op = request.op === undefined ? undefined : m.ops[request.op];
  if (request.purpose === 'recoveryStatus') op?.statusServiceIds.push(input.serviceId);
  else op?.serviceIds.push(input.serviceId);
  // A login operation owns the Login requests sent while it waits for the sequence (not the
  // re-login that lets a closing Logout be retried: it waits for the Login after that one).
  if (request.purpose === 'login' && !m.closing)
    for (const id of m.joined) m.ops[id]?.serviceIds.push(input.serviceId);
  if (request.retryOf) {
    emit(c, {
      kind: 'retry',
      category: request.category,
      serviceId: input.serviceId,
      previousServiceId: request.retryOf.serviceId ?? '',
      attempt: request.retryOf.attempt,
      reason: request.retryOf.reason,
      ...(op ? { op: op.id } : {}),
    });
  }
  if (op && op.request.name === 'pay' && request.purpose === 'op') {
    // Written before the frame leaves, so a crash right after still knows what to recover.
    c.effects.push({
      kind: 'journalPut',
      entry: {
        op: op.id,
        amountMinor: op.request.amountMinor,
        currency: op.request.currency,
        saleTransactionId: op.request.saleTransactionId,
        ...(op.request.paymentType !== undefined ? { paymentType: op.request.paymentType } : {}),
        serviceIds: [...op.serviceIds],
        ...(op.resentAfter !== undefined ? { resentAfter: op.resentAfter } : {}),
      },
    });
  }
};

const onResponse: Handler<'response'> = (c, input) => {
  const m = c.m;
  const request = requestByServiceId(m, input.response.serviceId);
  if (!request) return;
  dropRequest(c, request.key);
  if (request.purpose === 'login') {
    onLoginResponse(c, input.response);
    return;
  }
  const op = request.op === undefined ? undefined : m.ops[request.op];
  if (op) onOpResponse(c, request, op, input.response);
};

const onPoi: Handler<'poiMessage'> = (c, input) => onPoiMessage(c, input.category, input.event);

const onInvoke: Handler<'invoke'> = (c, input) => {
  if (input.op in c.m.ops) return;
  invoke(c, {
    id: input.op,
    request: input.request,
    stage: 'waiting',
    serviceIds: [],
    statusServiceIds: [],
    retries: 0,
  });
};

type TimerHandler<K extends Timer['kind']> = (c: Ctx, timer: Extract<Timer, { kind: K }>) => void;

const TIMERS: { readonly [K in Timer['kind']]: TimerHandler<K> } = {
  reconnect: (c) => {
    c.m.reconnectPending = false;
    if (c.m.started) dialNow(c, `reconnect attempt ${c.m.reconnectAttempt}`);
  },
  loginBackoff: (c) => onLoginBackoff(c),
  response: (c, t) => {
    const m = c.m;
    const request = m.requests[t.request];
    if (!request) return;
    dropRequest(c, request.key);
    m.counters.timeouts += 1;
    const op = request.op === undefined ? undefined : m.ops[request.op];
    emit(c, {
      kind: 'timeout',
      category: request.category,
      serviceId: request.serviceId ?? '',
      afterMs: request.timeoutMs,
      ...(op ? { op: op.id } : {}),
    });
    if (request.purpose === 'login') onLoginTimeout(c, request);
    else if (op) onLost(c, request, op, 'timeout');
  },
  queue: (c, t) => {
    const op = c.m.ops[t.op];
    if (op) onQueueTimeout(c, op);
  },
  poll: (c, t) => {
    const op = c.m.ops[t.op];
    if (op) onPoll(c, op);
  },
  pollWindow: (c, t) => {
    const op = c.m.ops[t.op];
    if (op) onPollWindow(c, op);
  },
};

function onTimer(c: Ctx, timer: Timer): void {
  (TIMERS[timer.kind] as TimerHandler<Timer['kind']>)(c, timer);
}

const HANDLERS: { readonly [K in SessionInput['kind']]: Handler<K> } = {
  start: onStart,
  stop: onStop,
  dialed: onDialed,
  dialFailed: onDialFailed,
  linkClosed: onLinkClosed,
  invoke: onInvoke,
  recoverJournal: onRecoverJournal,
  sent: onSent,
  response: onResponse,
  poiMessage: onPoi,
  timer: (c, input) => onTimer(c, input.timer),
};

/** `recovering` is shown while a payment's outcome is being settled and the session is open. */
function settle(c: Ctx): void {
  const m = c.m;
  let recovering = false;
  for (const id in m.ops) {
    const stage = m.ops[id]?.stage;
    if (stage === 'recovering' || stage === 'statusSent' || stage === 'pollWait') {
      recovering = true;
      break;
    }
  }
  if (m.state === 'recovering' && !recovering) transition(c, 'ready', 'recovery finished');
  else if (m.state === 'ready' && recovering) transition(c, 'recovering', 'recovering a payment');
}

/**
 * The session rules as one pure function: the next model and the effects for the runner. The
 * input model is never changed. After every input, waiting requests are sent if they may go.
 */
export function step(state: SessionModel, input: SessionInput): StepResult {
  const next = cloneModel(state);
  return { state: next, effects: advance(next, input) };
}

/**
 * {@link step} for the one owner of a model: applies `input` to `model` in place and returns the
 * effects, skipping the copy of the whole model that `step` makes on every input (the largest
 * cost of the session logic in a fuzz run; README "Performance: last measured values"). The
 * model ends exactly as `step` would return it. Only for a caller that keeps no earlier view of
 * the model: nothing the rules emit shares a mutable part with it (events, outcomes and journal
 * entries copy what they carry), so the caller's outputs stay as they were.
 */
export function advance(model: SessionModel, input: SessionInput): readonly SessionEffect[] {
  const closing = model.closing !== undefined;
  const c: Ctx = { m: model, effects: [] };
  (HANDLERS[input.kind] as Handler<SessionInput['kind']>)(c, input);
  if (closing) settleClosing(c);
  // Sent requests leave recovery stages before the state is shown; waiting ones go first.
  pump(c);
  settle(c);
  pump(c);
  return c.effects;
}
