import type { ProxyArmedFaultKind, ProxyArmedFaults, ProxyFaultCommand } from './faults';

/** What the proxy needs to know about a message to decide its fate. */
export interface MiddleMessage {
  readonly envelope: 'SaleToPOIRequest' | 'SaleToPOIResponse' | undefined;
  readonly category: string | undefined;
  readonly type: string | undefined;
  readonly result: string | undefined;
}

/** What happens to a message the POS sent. */
export type RequestFate =
  | { readonly kind: 'forward' }
  | { readonly kind: 'swallow'; readonly fault: 'ignoreNextRequests' }
  | { readonly kind: 'answerBusy'; readonly fault: 'busyNextLogins' };

/** What happens to a message the terminal sent. */
export type ResponseFate =
  | { readonly kind: 'forward'; readonly delayMs: number }
  | { readonly kind: 'drop'; readonly fault: 'dropNextResponse' | 'approveThenDrop' };

const ANY = '*';

/** The order armed kinds are listed and taken back in: the fault bar's. */
const KIND_ORDER: readonly ProxyArmedFaultKind[] = [
  'busyNextLogins',
  'dropNextResponse',
  'approveThenDrop',
  'delayResponses',
  'ignoreNextRequests',
];

/**
 * The faults armed in the middle and the rules that spend them. Pure and synchronous: the
 * proxy asks, for each message, what to do with it; counts go down only when a fault hits.
 */
export class MiddleFaults {
  private busyLogins = 0;
  private ignoreRequests = 0;
  private drops: (string | null)[] = [];
  private delays = new Map<string, number>();
  private approveThenDropArmed = false;

  /** Arms (or clears) a fault. Link faults are not armed here: the proxy applies them at once. */
  arm(command: Exclude<ProxyFaultCommand, { fault: 'dropLink' | 'dropUpstreamLink' }>): void {
    switch (command.fault) {
      case 'busyNextLogins':
        this.busyLogins += command.count;
        return;
      case 'ignoreNextRequests':
        this.ignoreRequests += command.count;
        return;
      case 'dropNextResponse':
        this.drops.push(command.category ?? null);
        return;
      case 'delayResponses':
        if (command.ms === 0) this.delays.delete(command.category ?? ANY);
        else this.delays.set(command.category ?? ANY, command.ms);
        return;
      case 'approveThenDrop':
        this.approveThenDropArmed = true;
        return;
      case 'clearFaults':
        for (const kind of KIND_ORDER) this.disarm(kind);
        return;
    }
  }

  /** Takes back one kind of armed fault; true when something of that kind was armed. */
  disarm(kind: ProxyArmedFaultKind): boolean {
    const armed = this.isArmed(kind);
    switch (kind) {
      case 'busyNextLogins':
        this.busyLogins = 0;
        break;
      case 'ignoreNextRequests':
        this.ignoreRequests = 0;
        break;
      case 'dropNextResponse':
        this.drops = [];
        break;
      case 'delayResponses':
        this.delays.clear();
        break;
      case 'approveThenDrop':
        this.approveThenDropArmed = false;
        break;
    }
    return armed;
  }

  /** The kinds armed now, in the fault bar's order. */
  armedKinds(): ProxyArmedFaultKind[] {
    return KIND_ORDER.filter((kind) => this.isArmed(kind));
  }

  private isArmed(kind: ProxyArmedFaultKind): boolean {
    switch (kind) {
      case 'busyNextLogins':
        return this.busyLogins > 0;
      case 'ignoreNextRequests':
        return this.ignoreRequests > 0;
      case 'dropNextResponse':
        return this.drops.length > 0;
      case 'delayResponses':
        return this.delays.size > 0;
      case 'approveThenDrop':
        return this.approveThenDropArmed;
    }
  }

  /** A message from the POS: only service requests can be answered or swallowed by a fault. */
  onPosMessage(message: MiddleMessage): RequestFate {
    if (message.envelope !== 'SaleToPOIRequest' || message.type !== 'Request') {
      return { kind: 'forward' };
    }
    if (message.category === 'Login' && this.busyLogins > 0) {
      this.busyLogins -= 1;
      return { kind: 'answerBusy', fault: 'busyNextLogins' };
    }
    if (this.ignoreRequests > 0) {
      this.ignoreRequests -= 1;
      return { kind: 'swallow', fault: 'ignoreNextRequests' };
    }
    return { kind: 'forward' };
  }

  /**
   * A message from the terminal. Displays and events are progress, never "the response", so
   * only a SaleToPOIResponse can be lost; "approve then lose" waits for an approved payment and
   * lets declines through, because only an approval leaves the customer charged.
   */
  onTerminalMessage(message: MiddleMessage): ResponseFate {
    if (message.envelope !== 'SaleToPOIResponse') return { kind: 'forward', delayMs: 0 };
    if (
      this.approveThenDropArmed &&
      message.category === 'Payment' &&
      message.result === 'Success'
    ) {
      this.approveThenDropArmed = false;
      return { kind: 'drop', fault: 'approveThenDrop' };
    }
    const index = this.drops.findIndex((c) => c === null || c === message.category);
    if (index >= 0) {
      this.drops.splice(index, 1);
      return { kind: 'drop', fault: 'dropNextResponse' };
    }
    const delayMs =
      (message.category === undefined ? undefined : this.delays.get(message.category)) ??
      this.delays.get(ANY) ??
      0;
    return { kind: 'forward', delayMs };
  }

  snapshot(): ProxyArmedFaults {
    return {
      busyNextLogins: this.busyLogins,
      ignoreNextRequests: this.ignoreRequests,
      dropNextResponse: [...this.drops],
      delayResponses: Object.fromEntries(this.delays),
      approveThenDrop: this.approveThenDropArmed,
    };
  }
}
