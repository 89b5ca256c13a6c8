import { resolvePolicy, type SessionPolicy } from '../policy';
import {
  initialModel,
  timerKey,
  type RequestSpec,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type Timer,
} from '../model';
import { step } from '../machine';
import type { Outcome, ResponseInfo } from '../outcomes';
import type { EventBody } from '../../trace/events';

/** A request the machine sent, with the ServiceID the driver gave it. */
export interface SentRequest {
  readonly request: string;
  readonly serviceId: string;
  readonly spec: RequestSpec;
  readonly op?: string;
}

/**
 * Drives the pure state machine the way the runner does (ServiceIDs handed out on `send`,
 * timers tracked by key), for table-driven tests and the model fuzzer. Test-only.
 */
export class Driver {
  model: SessionModel;
  readonly effects: SessionEffect[] = [];
  readonly sent: SentRequest[] = [];
  readonly events: EventBody[] = [];
  readonly outcomes = new Map<string, Outcome[]>();
  readonly timers = new Map<string, { timer: Timer; ms: number; jitter: boolean; due: number }>();
  /** Virtual time: moves only when {@link fireEarliest} fires a timer. */
  now = 0;
  readonly journal = new Map<string, unknown>();
  dials = 0;
  private nextServiceId = 1;

  constructor(policy: Partial<SessionPolicy> = {}, model?: SessionModel) {
    this.model = model ?? initialModel(resolvePolicy(policy));
  }

  feed(input: SessionInput): SessionEffect[] {
    const before = JSON.stringify(this.model);
    const result = step(this.model, input);
    if (JSON.stringify(this.model) !== before) throw new Error('step changed its input model');
    this.model = result.state;
    const out: SessionEffect[] = [];
    for (const effect of result.effects) {
      out.push(effect);
      this.apply(effect);
      if (effect.kind === 'send') {
        const serviceId = `S${this.nextServiceId++}`;
        this.sent.push({
          request: effect.request,
          serviceId,
          spec: effect.spec,
          ...(effect.op !== undefined ? { op: effect.op } : {}),
        });
        out.push(...this.feed({ kind: 'sent', request: effect.request, serviceId }));
      }
    }
    return out;
  }

  private apply(effect: SessionEffect): void {
    this.effects.push(effect);
    switch (effect.kind) {
      case 'startTimer':
        this.timers.set(timerKey(effect.timer), {
          timer: effect.timer,
          ms: effect.ms,
          jitter: effect.jitter ?? false,
          due: this.now + effect.ms,
        });
        break;
      case 'cancelTimer':
        this.timers.delete(timerKey(effect.timer));
        break;
      case 'emit':
        this.events.push(effect.event);
        break;
      case 'complete':
        this.outcomes.set(effect.op, [...(this.outcomes.get(effect.op) ?? []), effect.outcome]);
        break;
      case 'journalPut':
        this.journal.set(effect.entry.op, effect.entry);
        break;
      case 'journalRemove':
        this.journal.delete(effect.op);
        break;
      case 'dial':
        this.dials += 1;
        break;
      case 'send':
      case 'closeLink':
        break;
    }
  }

  /** Fires a pending timer by key (as the runner would when it falls due). */
  fire(key: string): SessionEffect[] {
    const t = this.timers.get(key);
    if (!t) throw new Error(`no timer ${key} (pending: ${[...this.timers.keys()].join(', ')})`);
    this.timers.delete(key);
    return this.feed({ kind: 'timer', timer: t.timer });
  }

  /** Fires the timer that falls due first (the longest jitter delay is taken), moving `now`. */
  fireEarliest(): boolean {
    let first: [string, { due: number }] | undefined;
    for (const entry of this.timers) if (!first || entry[1].due < first[1].due) first = entry;
    if (!first) return false;
    this.now = Math.max(this.now, first[1].due);
    this.fire(first[0]);
    return true;
  }

  /** The last request sent of a category. */
  last(category: RequestSpec['category']): SentRequest {
    const found = [...this.sent].reverse().find((s) => s.spec.category === category);
    if (!found) throw new Error(`nothing sent of ${category}`);
    return found;
  }

  /** Answers the last request of `category`. */
  answer(
    category: RequestSpec['category'],
    result: string,
    extra: Partial<ResponseInfo> = {},
  ): SessionEffect[] {
    const request = this.last(category);
    return this.feed({
      kind: 'response',
      response: { serviceId: request.serviceId, category, result, ...extra },
    });
  }

  /** Start, link up and Login Success: an open session. */
  open(): this {
    this.feed({ kind: 'start' });
    this.feed({ kind: 'dialed', link: 'L1' });
    this.answer('Login', 'Success');
    return this;
  }

  categories(): string[] {
    return this.sent.map((s) => s.spec.category);
  }

  states(): string[] {
    return this.events.flatMap((e) => (e.kind === 'session' ? [e.to] : []));
  }

  outcome(op: string): Outcome {
    const list = this.outcomes.get(op) ?? [];
    if (list.length !== 1) throw new Error(`${op} has ${list.length} outcomes`);
    return list[0]!;
  }
}
