import { wireToMinor } from '@shared/protocol';
import {
  ledgerProblems,
  needsSimulator,
  outcomeProblems,
  responseProblems,
  verdictProblems,
  type OperationStep,
  type Scenario,
  type SendAnswer,
  type Step,
  type StepOf,
} from '@shared/scenario';
import { isPaymentOutcome, type Outcome, type TransactionRef } from '@shared/session';
import { operationDeadlineMs, type Verdict } from '@shared/trace/checkers';
import type { MemoryTrace } from '@shared/trace/memory-trace';
import type { TimerId } from '@shared/time/clock';
import type { ServiceIdSource } from '../client/service-ids';
import { encryptedOf, wireOf } from '../link/link';
import type { SessionManager } from '../session';
import { approvalOf, createApprovals } from '../session/approvals';
import { callOperation, type OperationCall } from '../session/operation-call';
import type { Peer } from './peer';
import { rawRequest } from './raw-send';
import type { TimeDriver } from './time-driver';

/** What one step came to: problems make it fail; `message` says what it did. */
export interface StepReport {
  readonly problems: readonly string[];
  readonly message?: string;
  /** The scenario's own time limit cut the step short: nothing after it can run. */
  readonly limitReached?: boolean;
}

/** An operation a step started, until and after its final outcome. */
interface TrackedOp {
  readonly kind: 'op';
  readonly step: OperationStep;
  readonly startedAt: number;
  readonly deadlineMs: number;
  readonly opId: string | undefined;
  /** The SaleTransactionID a pay step asked for (else learnt from its outcome). */
  readonly saleTransactionId: string | undefined;
  outcome: Outcome | undefined;
  /** Set when the POS under test broke its contract and rejected instead of resolving. */
  error: string | undefined;
}

/** A raw request a `send` step put on the wire. */
interface TrackedSend {
  readonly kind: 'send';
  readonly serviceId: string;
  readonly timeoutMs: number;
  answer: SendAnswer | undefined;
  /** Answered, or its response time ran out. */
  settled: boolean;
}

type Tracked = TrackedOp | TrackedSend;

type Wait = 'met' | 'timeout' | 'limit';

/** Everything the steps act on. */
export interface StepContext {
  readonly scenario: Scenario;
  readonly driver: TimeDriver;
  readonly manager: SessionManager;
  readonly peer: Peer;
  readonly trace: MemoryTrace;
  /** Every checker's verdicts on the trace so far (read incrementally: only new events cost). */
  readonly verdicts: () => Verdict[];
  readonly serviceIds: ServiceIdSource;
  readonly saleId: string;
  readonly poiId: string;
  /** Clock time the run's limit (`scenario.timeoutMs`) falls due. */
  readonly deadline: number;
}

function ended(op: TrackedOp): boolean {
  return op.outcome !== undefined || op.error !== undefined;
}

/** `approved`, `recovered (approved)`, `declined (Aborted)`, `failed: loggedOut`. */
export function describeOutcome(outcome: Outcome): string {
  const detail: string[] = [];
  if ('result' in outcome && outcome.kind === 'recovered') detail.push(outcome.result);
  if ('errorCondition' in outcome && typeof outcome.errorCondition === 'string') {
    detail.push(outcome.errorCondition);
  }
  const reason = 'reason' in outcome ? `: ${outcome.reason}` : '';
  return `${outcome.kind}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}${reason}`;
}

/**
 * Plays the steps of one scenario against a session manager and (when embedded) a simulator.
 * Each `run` call handles one step and reports its problems; it never throws for anything a
 * scenario can cause.
 */
export class StepRunner {
  private readonly tracked = new Map<string, Tracked>();
  private readonly ops: TrackedOp[] = [];
  private readonly sends: TrackedSend[] = [];
  private readonly approvals = createApprovals();
  private readonly off: (() => void)[] = [];
  private readonly timers: TimerId[] = [];

  constructor(private readonly ctx: StepContext) {
    this.off.push(
      ctx.manager.client.intercept((inbound) => {
        if (inbound.kind !== 'response') return;
        // The oldest raw request still waiting for this ServiceID (a reused id answers in order).
        const send = this.sends.find((s) => !s.settled && s.serviceId === inbound.serviceId);
        if (send === undefined) return;
        send.answer = {
          result: inbound.response.result,
          ...(inbound.response.errorCondition === undefined
            ? {}
            : { errorCondition: inbound.response.errorCondition }),
        };
        send.settled = true;
        ctx.driver.notify();
      }),
    );
  }

  /** Stops listening and clears the runner's own timers (a real clock would keep them alive). */
  dispose(): void {
    for (const off of this.off) off();
    for (const timer of this.timers) this.ctx.driver.clock.clearTimeout(timer);
  }

  async run(step: Step): Promise<StepReport> {
    if (this.ctx.peer.kind === 'external' && needsSimulator(step)) {
      return {
        problems: [
          `needs the embedded simulator (this run talks to the external endpoint ${this.ctx.peer.url})`,
        ],
      };
    }
    switch (step.kind) {
      case 'login':
      case 'logout':
      case 'pay':
      case 'status':
      case 'reverse':
      case 'abort':
      case 'admin':
        return this.operation(step);
      case 'send':
        return this.send(step);
      case 'fault':
        return this.fault(step);
      case 'wait':
        return this.waitStep(step);
      case 'waitFor':
        return this.waitFor(step);
      case 'expectOutcome':
        return this.expectOutcome(step);
      case 'expectResponse':
        return this.expectResponse(step);
      case 'expectLedger':
        return this.expectLedger(step);
      case 'expectVerdicts':
        return this.expectVerdicts(step);
    }
  }

  /** Waits for `condition` up to `ms`, never past the run's own limit. */
  private async wait(condition: () => boolean, ms: number): Promise<Wait> {
    const { driver, deadline } = this.ctx;
    const remaining = Math.max(0, deadline - driver.clock.now());
    const limited = ms > remaining;
    const met = await driver.until(condition, Math.max(0, Math.min(ms, remaining)));
    if (met) return 'met';
    return limited ? 'limit' : 'timeout';
  }

  private limit(): StepReport {
    return {
      problems: [`the scenario's time limit of ${this.ctx.scenario.timeoutMs} ms was reached`],
      limitReached: true,
    };
  }

  // ---- operations ---------------------------------------------------------------------------

  private async operation(step: OperationStep): Promise<StepReport> {
    const started = this.start(step);
    if (typeof started === 'string') return { problems: [started] };
    if (!step.await) return { problems: [], message: 'started' };
    return this.awaitOp(started, 'no final outcome');
  }

  private async awaitOp(op: TrackedOp, missing: string): Promise<StepReport> {
    const left = op.startedAt + op.deadlineMs - this.ctx.driver.clock.now();
    const waited = await this.wait(() => ended(op), Math.max(0, left));
    if (waited === 'limit') return this.limit();
    if (waited === 'timeout') {
      return { problems: [`${missing} within ${op.deadlineMs} ms`] };
    }
    if (op.error !== undefined) return { problems: [op.error] };
    return { problems: [], ...(op.outcome ? { message: describeOutcome(op.outcome) } : {}) };
  }

  /** Starts the step's operation; a string says why it could not be started. */
  private start(step: OperationStep): TrackedOp | string {
    const invoked = this.invoke(step);
    if (typeof invoked === 'string') return invoked;
    const op: TrackedOp = {
      kind: 'op',
      step,
      startedAt: this.ctx.driver.clock.now(),
      deadlineMs: step.timeoutMs ?? operationDeadlineMs(step.kind, this.ctx.scenario.policy),
      opId: invoked.opId,
      saleTransactionId: step.kind === 'pay' ? step.saleTransactionId : undefined,
      outcome: undefined,
      error: undefined,
    };
    invoked.promise.then(
      (outcome) => {
        op.outcome = outcome;
        this.approvals.learn(outcome, invoked.reversedId);
        this.ctx.driver.notify();
      },
      (error: unknown) => {
        op.error = `the POS rejected instead of reporting an outcome: ${String(error)}`;
        this.ctx.driver.notify();
      },
    );
    this.ops.push(op);
    if (step.id !== undefined) this.tracked.set(step.id, op);
    return op;
  }

  /** Calls the manager and learns the operation id from the invoke event it emits at once. */
  private invoke(
    step: OperationStep,
  ): { promise: Promise<Outcome>; opId?: string; reversedId?: string } | string {
    const call = this.call(step);
    if (typeof call === 'string') return call;
    let opId: string | undefined;
    const off = this.ctx.manager.onEvent((event) => {
      if (opId === undefined && event.kind === 'op' && event.phase === 'invoke') opId = event.op;
    });
    try {
      const promise = callOperation(this.ctx.manager, call);
      return {
        promise,
        ...(opId === undefined ? {} : { opId }),
        ...(call.kind === 'reverse' ? { reversedId: call.poiTransactionId.TransactionID } : {}),
      };
    } finally {
      off();
    }
  }

  /** The manager call for one operation step, or why its references cannot be resolved. */
  private call(step: OperationStep): OperationCall | string {
    switch (step.kind) {
      case 'login':
      case 'logout':
        return { kind: step.kind };
      case 'admin':
        return { kind: 'admin', admin: step.request };
      case 'pay':
        return this.payCall(step);
      case 'status': {
        if (step.of === undefined) {
          return step.serviceId === undefined
            ? { kind: 'status' }
            : { kind: 'status', serviceId: step.serviceId };
        }
        const serviceId = this.serviceIdOf(step.of);
        if (serviceId === undefined) return `pay step "${step.of}" has sent no payment yet`;
        return { kind: 'status', serviceId };
      }
      case 'reverse': {
        const target = this.reversalTarget(step);
        return typeof target === 'string' ? target : { kind: 'reverse', poiTransactionId: target };
      }
      case 'abort': {
        if (step.of === undefined) return { kind: 'abort' };
        // A payment not sent yet has no ServiceID: the manager then aborts the one in flight.
        const serviceId = this.serviceIdOf(step.of);
        return serviceId === undefined ? { kind: 'abort' } : { kind: 'abort', serviceId };
      }
    }
  }

  private payCall(step: StepOf<'pay'>): OperationCall | string {
    const currency = step.currency ?? this.ctx.scenario.simulator.currency ?? 'EUR';
    const minor = wireToMinor(step.amount, currency);
    if (!minor.ok) return `amount ${step.amount} ${currency}: ${minor.error.reason}`;
    return {
      kind: 'pay',
      amountMinor: minor.value,
      currency,
      ...(step.saleTransactionId === undefined
        ? {}
        : { saleTransactionId: step.saleTransactionId }),
    };
  }

  /** The last ServiceID an earlier operation (or send) used, whether it ended or not. */
  private serviceIdOf(id: string): string | undefined {
    const target = this.tracked.get(id);
    if (target === undefined) return undefined;
    if (target.kind === 'send') return target.serviceId;
    if (target.outcome !== undefined) {
      return target.outcome.serviceId ?? target.outcome.serviceIds.at(-1);
    }
    const running = this.ctx.manager.snapshot().ops.find((o) => o.op === target.opId);
    return running?.serviceIds.at(-1);
  }

  private reversalTarget(step: StepOf<'reverse'>): TransactionRef | string {
    if (step.of === undefined) {
      const nowIso = new Date(this.ctx.driver.clock.wallNow()).toISOString();
      return (
        this.approvals.target(step.poiTransactionId, nowIso) ??
        'no payment of this run was approved and left unreversed, nothing to reverse'
      );
    }
    const target = this.tracked.get(step.of);
    const outcome = target?.kind === 'op' ? target.outcome : undefined;
    if (outcome === undefined) return `pay step "${step.of}" has not ended yet`;
    const poiTransactionId = isPaymentOutcome(outcome) ? approvalOf(outcome) : undefined;
    return (
      poiTransactionId ??
      `pay step "${step.of}" ended ${describeOutcome(outcome)}: no approval to reverse`
    );
  }

  // ---- raw requests -------------------------------------------------------------------------

  private async send(step: StepOf<'send'>): Promise<StepReport> {
    const { manager, driver, trace } = this.ctx;
    const link = manager.client.link;
    if (link === undefined || !link.isOpen) {
      return { problems: ['no open link to send on (the POS is not connected)'] };
    }
    let serviceId = step.serviceId;
    if (serviceId === undefined && step.reuseServiceIdOf !== undefined) {
      serviceId = this.serviceIdOf(step.reuseServiceIdOf);
      if (serviceId === undefined) {
        return { problems: [`step "${step.reuseServiceIdOf}" has used no ServiceID yet`] };
      }
    }
    serviceId ??= this.ctx.serviceIds.next();
    const json = rawRequest(step, { serviceId, saleId: this.ctx.saleId, poiId: this.ctx.poiId });
    const send: TrackedSend = {
      kind: 'send',
      serviceId,
      timeoutMs: step.responseTimeoutMs,
      answer: undefined,
      settled: false,
    };
    this.sends.push(send);
    if (step.id !== undefined) this.tracked.set(step.id, send);
    // The frame bypasses the session manager, so the runner records it as the POS's own.
    trace.record({
      kind: 'message',
      observer: 'pos',
      direction: 'toPoi',
      link: link.id,
      ...wireOf(link),
      json,
      ...encryptedOf(link),
    });
    link.send(JSON.stringify(json));
    // A timer, so that virtual time reaches the end of the response window.
    this.timers.push(
      driver.clock.setTimeout(() => {
        send.settled = true;
        driver.notify();
      }, step.responseTimeoutMs),
    );
    if (!step.await) return { problems: [], message: `sent ${step.category} ${serviceId}` };
    const waited = await this.wait(() => send.settled, step.responseTimeoutMs);
    if (waited === 'limit') return this.limit();
    return { problems: [], message: describeAnswer(send) };
  }

  // ---- faults and waits ---------------------------------------------------------------------

  private async fault(step: StepOf<'fault'>): Promise<StepReport> {
    const { command } = step;
    if (command.fault === 'restartClient') {
      await this.ctx.manager.restartClient();
      this.ctx.driver.notify();
      return { problems: [], message: 'the POS app restarted' };
    }
    const simulator = this.ctx.peer.simulator;
    // run() refuses simulator faults for an external peer, so the simulator is here.
    if (simulator === undefined) return { problems: ['no simulator'] };
    const applied = simulator.apply(command);
    return applied.ok
      ? { problems: [], message: 'applied' }
      : { problems: [`the simulator refused ${command.fault}: ${applied.error}`] };
  }

  private async waitStep(step: StepOf<'wait'>): Promise<StepReport> {
    const waited = await this.wait(() => false, step.ms);
    return waited === 'limit' ? this.limit() : { problems: [] };
  }

  private async waitFor(step: StepOf<'waitFor'>): Promise<StepReport> {
    if (step.session !== undefined) {
      const wanted = step.session;
      const waited = await this.wait(
        () => this.ctx.manager.snapshot().state === wanted,
        step.timeoutMs,
      );
      if (waited === 'limit') return this.limit();
      if (waited === 'timeout') {
        const { state, reason } = this.ctx.manager.snapshot();
        return {
          problems: [
            `the session did not reach ${wanted} within ${step.timeoutMs} ms (it is ${state}: ${reason})`,
          ],
        };
      }
      return { problems: [] };
    }
    const target = step.op === undefined ? undefined : this.tracked.get(step.op);
    if (target === undefined) return { problems: [`step "${step.op ?? ''}" has not run`] };
    const done = (): boolean => (target.kind === 'op' ? ended(target) : target.settled);
    const waited = await this.wait(done, step.timeoutMs);
    if (waited === 'limit') return this.limit();
    if (waited === 'timeout') {
      return { problems: [`${step.op ?? ''} did not end within ${step.timeoutMs} ms`] };
    }
    if (target.kind === 'send') return { problems: [], message: describeAnswer(target) };
    return {
      problems: [],
      ...(target.outcome ? { message: describeOutcome(target.outcome) } : {}),
    };
  }

  // ---- expectations -------------------------------------------------------------------------

  private async expectOutcome(step: StepOf<'expectOutcome'>): Promise<StepReport> {
    const target = this.tracked.get(step.of);
    if (target?.kind !== 'op') return { problems: [`step "${step.of}" has not run`] };
    const waited = await this.awaitOp(target, `${step.of} reached no final outcome`);
    if (waited.problems.length > 0 || target.outcome === undefined) return waited;
    return { problems: outcomeProblems(step, target.outcome), message: waited.message };
  }

  private async expectResponse(step: StepOf<'expectResponse'>): Promise<StepReport> {
    const target = this.tracked.get(step.of);
    if (target?.kind !== 'send') return { problems: [`step "${step.of}" has not run`] };
    // The send's own timer settles it at the end of its response window at the latest.
    const waited = await this.wait(() => target.settled, target.timeoutMs);
    if (waited === 'limit') return this.limit();
    return { problems: responseProblems(step, target.answer), message: describeAnswer(target) };
  }

  private expectLedger(step: StepOf<'expectLedger'>): StepReport {
    const simulator = this.ctx.peer.simulator;
    if (simulator === undefined) return { problems: ['no simulator'] };
    let sale = step.saleTransactionId;
    if (step.sale !== undefined) {
      const target = this.tracked.get(step.sale);
      const outcome = target?.kind === 'op' ? target.outcome : undefined;
      sale =
        (target?.kind === 'op' ? target.saleTransactionId : undefined) ??
        (outcome !== undefined && isPaymentOutcome(outcome)
          ? outcome.saleTransactionId.TransactionID
          : undefined);
      if (sale === undefined) {
        return { problems: [`pay step "${step.sale}" has no SaleTransactionID yet`] };
      }
    }
    return { problems: ledgerProblems(step, simulator.ledger(), sale) };
  }

  /** Judges the trace so far, once every operation started has ended (or passed its deadline). */
  private async expectVerdicts(step: StepOf<'expectVerdicts'>): Promise<StepReport> {
    for (const op of this.ops) {
      if (ended(op)) continue;
      const waited = await this.awaitOp(op, `${op.step.id ?? op.step.kind} reached no outcome`);
      if (waited.limitReached === true || waited.problems.length > 0) return waited;
    }
    await this.ctx.driver.settle();
    const verdicts = this.ctx.verdicts();
    const failing = verdicts.filter((v) => !v.pass).map((v) => v.checker);
    return {
      problems: verdictProblems(step, verdicts),
      message:
        failing.length === 0
          ? 'every checker passes'
          : `failing: ${[...new Set(failing)].join(', ')}`,
    };
  }
}

function describeAnswer(send: TrackedSend): string {
  if (send.answer === undefined) {
    return send.settled ? `no response within ${send.timeoutMs} ms` : 'waiting for a response';
  }
  return [send.answer.result, send.answer.errorCondition].filter(Boolean).join('/');
}
