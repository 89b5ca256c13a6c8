import type { PaymentPhase } from '@shared/simulator/faults';
import type { Clock, TimerId } from '@shared/time/clock';

/** Where a running payment is: one of the two timed phases, or over. */
export type RunPhase = PaymentPhase | 'done';

/** What the terminal does when a payment moves on. */
export interface PaymentRunHooks<T> {
  /** A phase began (announce it). May stop the run, e.g. a restart armed for this phase. */
  enter(run: PaymentRun<T>, phase: PaymentPhase): void;
  /** The authorisation came back: the terminal completes the payment. */
  authorised(run: PaymentRun<T>): void;
}

/**
 * The timed part of one payment: waiting for the card (`cardMs`), then authorising (`authMs`),
 * then done. Timers come from the injected clock, so the phases run in real or virtual time.
 */
export class PaymentRun<T> {
  private current: RunPhase = 'waitingForCard';
  private timer: TimerId | undefined;

  constructor(
    readonly info: T,
    private readonly clock: Clock,
    private readonly durations: { readonly cardMs: number; readonly authMs: number },
    private readonly hooks: PaymentRunHooks<T>,
  ) {}

  get phase(): RunPhase {
    return this.current;
  }

  start(): void {
    this.enter('waitingForCard', this.durations.cardMs, () => {
      this.enter('authorising', this.durations.authMs, () => {
        this.current = 'done';
        this.hooks.authorised(this);
      });
    });
  }

  /** Ends the run at once (abort, restart) and returns the phase it was in. */
  stop(): RunPhase {
    const was = this.current;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.current = 'done';
    return was;
  }

  private enter(phase: PaymentPhase, ms: number, next: () => void): void {
    this.current = phase;
    this.hooks.enter(this, phase);
    // The hook may have stopped the run (a restart armed for this phase).
    if (this.current !== phase) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      next();
    }, ms);
  }
}
