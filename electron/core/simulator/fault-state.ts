import type { ArmedFaultKind, ArmedFaultsSnapshot } from '@shared/simulator/control';
import type { PaymentOutcomeOverride, PaymentPhase } from '@shared/simulator/faults';

/** Every kind of armed fault, in the fault panel's order. */
const DISARM_ORDER: readonly ArmedFaultKind[] = [
  'busyNextLogins',
  'dropNextResponse',
  'approveThenDrop',
  'restartDuringPayment',
  'delayResponses',
  'nextPaymentOutcome',
];

/** The key of a response delay that applies to every category. */
const ANY = '*';

/**
 * The faults that wait for their message: armed by `apply`, taken (and so disarmed, where
 * they are one-shot) by the message they act on. Response delays stay until set to 0.
 */
export class FaultState {
  private busyLogins = 0;
  private drops: (string | null)[] = [];
  private readonly delays = new Map<string, number>();
  private approveThenDropArmed = false;
  private restartPhase: PaymentPhase | null = null;
  private outcome: PaymentOutcomeOverride | null = null;

  armBusyLogins(count: number): void {
    this.busyLogins += count;
  }

  armDrop(category: string | undefined): void {
    this.drops.push(category ?? null);
  }

  /** Sets (or with 0 clears) the delay of one category's responses, or of all of them. */
  setDelay(ms: number, category: string | undefined): void {
    const key = category ?? ANY;
    if (ms === 0) this.delays.delete(key);
    else this.delays.set(key, ms);
  }

  armApproveThenDrop(): void {
    this.approveThenDropArmed = true;
  }

  armRestartDuringPayment(phase: PaymentPhase): void {
    this.restartPhase = phase;
  }

  armNextOutcome(outcome: PaymentOutcomeOverride): void {
    this.outcome = outcome;
  }

  /** Takes one BUSY login; returns how many remain, or undefined when none was armed. */
  takeBusyLogin(): number | undefined {
    if (this.busyLogins === 0) return undefined;
    this.busyLogins -= 1;
    return this.busyLogins;
  }

  /** Takes the first armed drop that matches the category (a drop without category matches all). */
  takeDrop(category: string): boolean {
    const index = this.drops.findIndex((c) => c === null || c === category);
    if (index < 0) return false;
    this.drops.splice(index, 1);
    return true;
  }

  /** The delay in force for a category's responses (its own, else the one for every category). */
  delayFor(category: string): number {
    return this.delays.get(category) ?? this.delays.get(ANY) ?? 0;
  }

  takeApproveThenDrop(): boolean {
    const armed = this.approveThenDropArmed;
    this.approveThenDropArmed = false;
    return armed;
  }

  /** True (and disarmed) when a restart is armed for the phase a payment is entering. */
  takeRestartAt(phase: PaymentPhase): boolean {
    if (this.restartPhase !== phase) return false;
    this.restartPhase = null;
    return true;
  }

  takeNextOutcome(): PaymentOutcomeOverride | undefined {
    const outcome = this.outcome ?? undefined;
    this.outcome = null;
    return outcome;
  }

  clear(): void {
    for (const kind of DISARM_ORDER) this.disarm(kind);
  }

  /** Takes back one kind of armed fault; true when something of that kind was armed. */
  disarm(kind: ArmedFaultKind): boolean {
    const armed = this.isArmed(kind);
    switch (kind) {
      case 'busyNextLogins':
        this.busyLogins = 0;
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
      case 'restartDuringPayment':
        this.restartPhase = null;
        break;
      case 'nextPaymentOutcome':
        this.outcome = null;
        break;
    }
    return armed;
  }

  /** The kinds armed now, in the order the fault panel lists them. */
  armedKinds(): ArmedFaultKind[] {
    return DISARM_ORDER.filter((kind) => this.isArmed(kind));
  }

  private isArmed(kind: ArmedFaultKind): boolean {
    switch (kind) {
      case 'busyNextLogins':
        return this.busyLogins > 0;
      case 'dropNextResponse':
        return this.drops.length > 0;
      case 'delayResponses':
        return this.delays.size > 0;
      case 'approveThenDrop':
        return this.approveThenDropArmed;
      case 'restartDuringPayment':
        return this.restartPhase !== null;
      case 'nextPaymentOutcome':
        return this.outcome !== null;
    }
  }

  snapshot(): ArmedFaultsSnapshot {
    return {
      busyNextLogins: this.busyLogins,
      dropNextResponse: [...this.drops],
      delayResponses: Object.fromEntries(this.delays),
      approveThenDrop: this.approveThenDropArmed,
      restartDuringPayment: this.restartPhase,
      nextPaymentOutcome: this.outcome,
    };
  }
}
