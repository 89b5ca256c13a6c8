import { resolvePolicy, type SessionPolicy } from '../policy';
import {
  cloneModel,
  initialModel,
  timerKey,
  type RequestSpec,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type Timer,
} from '../model';
import { advance, step } from '../machine';
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

  /**
   * A twin of {@link model} that `advance` changes in place, as the session manager does: after
   * every input it must equal what `step` returned, with the same effects, and nothing `advance`
   * returned may change afterwards (see {@link checkInPlaceOutputs}).
   */
  private readonly inPlace: SessionModel;
  private readonly inPlaceOutputs: { readonly effects: readonly SessionEffect[]; json: string }[] =
    [];

  constructor(policy: Partial<SessionPolicy> = {}, model?: SessionModel) {
    this.model = model ?? initialModel(resolvePolicy(policy));
    this.inPlace = cloneModel(this.model);
  }

  feed(input: SessionInput): SessionEffect[] {
    const before = JSON.stringify(this.model);
    const result = step(this.model, input);
    if (JSON.stringify(this.model) !== before) throw new Error('step changed its input model');
    this.model = result.state;
    const inPlaceEffects = advance(this.inPlace, input);
    const json = JSON.stringify(inPlaceEffects);
    // Field order aside (`step`'s copy lists fields in its own order); the order of operations
    // and requests counts (the rules walk them in order), so it is compared on its own.
    if (
      sortedJson(this.inPlace) !== sortedJson(this.model) ||
      Object.keys(this.inPlace.ops).join() !== Object.keys(this.model.ops).join() ||
      Object.keys(this.inPlace.requests).join() !== Object.keys(this.model.requests).join()
    ) {
      throw new Error(`advance and step disagree on the model after ${input.kind}`);
    }
    if (json !== JSON.stringify(result.effects)) {
      throw new Error(`advance and step disagree on the effects of ${input.kind}`);
    }
    this.inPlaceOutputs.push({ effects: inPlaceEffects, json });
    this.checkInPlaceOutputs();
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

  /** Effects `advance` returned (events, outcomes, journal entries) never change later. */
  checkInPlaceOutputs(): void {
    for (const output of this.inPlaceOutputs) {
      if (JSON.stringify(output.effects) !== output.json) {
        throw new Error(`an effect of advance changed later: ${output.json}`);
      }
    }
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

/** JSON with every object's keys sorted. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort())
      sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
