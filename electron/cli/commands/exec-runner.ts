import type { Clock } from '@shared/time/clock';
import { maskCardData, maskPansInText } from '@shared/protocol';
import { seededRandom } from '@shared/time/random';
import { stringifyEvent } from '@shared/trace/safe-event';
import type { SessionPolicy } from '@shared/session/policy';
import { isKnownOutcome } from '@shared/session/outcomes';
import type { ProfileName, SimulatorSettings } from '@shared/simulator/profiles';
import type { EventBody } from '@shared/trace/events';
import { parseEndpoint, type Endpoint, type Wire } from '@shared/link/endpoint';
import { dialerFor, type TerminalApiOptions } from '../../core/link/dial';
import { createSessionManager, type SessionManager } from '../../core/session';
import { createApprovals } from '../../core/session/approvals';
import { callOperation, type OperationCall } from '../../core/session/operation-call';
import { addressOf, createSimulator, freePortFor, type Simulator } from '../../core/simulator';
import { createTraceRecorder, type TraceRecorder } from '../../core/trace/recorder';
import { controlApiFaults, embeddedFaults, type FaultTarget } from './exec-faults';
import type { ExecStep, OperationStep } from './exec-steps';
import { DEFAULT_DATA_DIR } from './terminal-api-flags';
import { outcomeLine, outcomeText, sessionLine, sessionText, type JsonLine } from './exec-output';

/** Everything `a2a exec` was asked to do, validated. */
export interface ExecConfig {
  readonly target:
    | {
        readonly kind: 'endpoint';
        readonly endpoint: Endpoint;
        /** The control API token of the a2a simulator at a ws:// endpoint, for faults and notices. */
        readonly controlToken?: string;
      }
    /** The embedded simulator, reached on loopback over `wire`. */
    | { readonly kind: 'embedded'; readonly wire: Wire };
  readonly profile: ProfileName;
  readonly policy: Partial<SessionPolicy>;
  readonly simulator: Partial<SimulatorSettings>;
  readonly tracePath?: string;
  readonly mask: boolean;
  readonly json: boolean;
  readonly seed: number;
  readonly steps: readonly ExecStep[];
  /** Trust and key on the Terminal API wire (the embedded simulator gets the same key). */
  readonly terminalApi?: TerminalApiOptions;
}

/** Where `a2a exec` writes; the real process streams in the CLI, collectors in tests. */
export interface ExecIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * How the run ended: 0 every operation reached a known final outcome, 1 otherwise, 2 when the
 * trace file could not be created (before anything started).
 */
export type ExecExit = 0 | 1 | 2;

/**
 * Runs the steps one after another, each waiting for the previous one's final outcome, then
 * stops the session manager and the embedded simulator and closes the trace. Operations never
 * hang (each has a deadline from the policy), so the run always finishes.
 */
export async function runExec(config: ExecConfig, clock: Clock, io: ExecIo): Promise<ExecExit> {
  let recorder: TraceRecorder | undefined;
  if (config.tracePath !== undefined) {
    const created = await createTraceRecorder({
      path: config.tracePath,
      clock,
      mask: config.mask,
      // The client's view of the wire; the simulator's lifecycle, faults and ledger still count.
      observers: ['pos'],
      header: {
        role: 'cli',
        profile: config.profile,
        policy: { ...config.policy },
        simulator:
          config.target.kind === 'embedded' ? { ...config.simulator, embedded: true } : undefined,
        seed: config.seed,
      },
    });
    if (!created.ok) {
      // A trace path that cannot be written is a bad argument: nothing has started yet.
      io.stderr(`a2a exec: ${created.error}\n`);
      return 2;
    }
    recorder = created.value;
  }

  let exit: ExecExit = 1;
  try {
    exit = await runWithPeer(config, clock, io, recorder);
  } finally {
    const closed = await recorder?.close();
    if (closed !== undefined && !closed.ok) {
      io.stderr(`a2a exec: ${closed.error}\n`);
      exit = 1;
    }
  }
  return exit;
}

/** Starts the peer (embedded simulator or external endpoint) and the manager, runs, stops both. */
async function runWithPeer(
  config: ExecConfig,
  clock: Clock,
  io: ExecIo,
  recorder: TraceRecorder | undefined,
): Promise<ExecExit> {
  // Output is masked like the trace (unless --no-mask): an AdditionalResponse or a receipt can
  // carry a card number in free text.
  const print = (line: JsonLine | string): void => {
    const text =
      typeof line === 'string' ? line : stringifyEvent(config.mask ? maskCardData(line) : line);
    io.stdout((config.mask ? maskPansInText(text) : text) + '\n');
  };
  let simulator: Simulator | undefined;
  let manager: SessionManager | undefined;
  try {
    let endpoint: Endpoint;
    let caFile = config.terminalApi?.caFile;
    switch (config.target.kind) {
      case 'endpoint':
        endpoint = config.target.endpoint;
        break;
      case 'embedded': {
        const { wire } = config.target;
        simulator = createEmbedded(config, clock);
        simulator.onEvent((event) => recorder?.record(event));
        const listening = await simulator.listen({
          ...freePortFor(wire),
          dataDir: DEFAULT_DATA_DIR,
        });
        if (listening.caFile !== undefined) caFile = listening.caFile;
        const address = addressOf(listening, wire);
        const parsed = parseEndpoint(address ?? '');
        if (!parsed.ok) throw new Error(`the embedded simulator has no ${wire} front`);
        endpoint = parsed.value;
        break;
      }
    }
    manager = createSessionManager({
      clock,
      random: seededRandom(config.seed),
      dialer: dialerFor(endpoint, {
        terminalApi: { ...config.terminalApi, ...(caFile === undefined ? {} : { caFile }) },
      }),
      policy: config.policy,
    });
    const started = clock.now();
    manager.onEvent((event: EventBody) => {
      recorder?.record(event);
      if (event.kind !== 'session') return;
      print(config.json ? sessionLine(event, clock.now() - started) : sessionText(event));
    });
    const faults = faultTargetOf(config, simulator);
    // A fault another run left armed would hit this run's requests: say so before it does.
    if (config.target.kind === 'endpoint') await noticeArmed(faults, io, 'armed before this run');
    const runner = new StepRunner(manager, faults, clock, config, print, io);
    manager.start();
    let exit: ExecExit = 0;
    for (const step of config.steps) {
      if (!(await runner.run(step))) exit = 1;
    }
    // The embedded simulator goes away with this run; one it did not start keeps its faults.
    if (config.target.kind === 'endpoint')
      await noticeArmed(faults, io, 'still armed after this run (the next run will meet them)');
    return exit;
  } finally {
    // Stopping the manager ends its link and timers; its last transitions still reach the trace.
    await manager?.stop();
    await simulator?.close();
  }
}

function faultTargetOf(
  config: ExecConfig,
  simulator: Simulator | undefined,
): FaultTarget | undefined {
  if (simulator !== undefined) return embeddedFaults(simulator);
  if (config.target.kind === 'endpoint' && config.target.controlToken !== undefined)
    return controlApiFaults(config.target.endpoint.url, config.target.controlToken);
  return undefined;
}

/** One stderr line naming the faults armed on a simulator this run did not start, if any. */
async function noticeArmed(
  faults: FaultTarget | undefined,
  io: ExecIo,
  when: string,
): Promise<void> {
  if (faults === undefined) return;
  const armed = await faults.armed();
  if (!armed.ok) {
    io.stderr(`a2a exec: cannot read the faults of ${faults.where}: ${armed.error}\n`);
    return;
  }
  if (armed.value.length > 0)
    io.stderr(`a2a exec: faults ${when} on ${faults.where}: ${armed.value.join(', ')}\n`);
}

function createEmbedded(config: ExecConfig, clock: Clock): Simulator {
  return createSimulator({
    clock,
    profile: config.profile,
    settings: config.simulator,
    random: seededRandom(config.seed ^ 0x5eed),
    ...(config.terminalApi?.key === undefined
      ? {}
      : { terminalApi: { key: config.terminalApi.key } }),
  });
}

/** Runs one step at a time and remembers what later steps default to (the last open approval). */
class StepRunner {
  private readonly approvals = createApprovals();

  constructor(
    private readonly manager: SessionManager,
    private readonly faults: FaultTarget | undefined,
    private readonly clock: Clock,
    private readonly config: ExecConfig,
    private readonly print: (line: JsonLine | string) => void,
    private readonly io: ExecIo,
  ) {}

  /** True when the step reached a known final outcome (or was a wait or an applied fault). */
  async run(step: ExecStep): Promise<boolean> {
    switch (step.kind) {
      case 'wait':
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, step.ms));
        if (!this.config.json) this.print(`${step.text} → waited ${step.ms} ms`);
        return true;
      case 'fault':
        return this.fault(step);
      case 'login':
      case 'logout':
      case 'pay':
      case 'status':
      case 'reverse':
      case 'abort':
      case 'admin':
        return this.operation(step);
    }
  }

  private async fault(step: Extract<ExecStep, { kind: 'fault' }>): Promise<boolean> {
    // parseSteps refuses fault steps without a simulator to send them to.
    const applied = (await this.faults?.apply(step.command)) ?? {
      ok: false,
      error: 'no simulator',
    };
    if (!applied.ok) {
      this.io.stderr(`a2a exec: ${step.text}: ${applied.error}\n`);
      return false;
    }
    if (!this.config.json) this.print(`${step.text} → applied`);
    return true;
  }

  private async operation(step: OperationStep): Promise<boolean> {
    const call = this.callOf(step);
    if (call === undefined) {
      // Nothing to send, but the step still gets its one line, as every operation does.
      const reason = 'no approved payment to reverse in this run';
      this.print(
        this.config.json
          ? { op: 'reverse', outcome: 'failed', reason, serviceIds: [], step: step.text }
          : `${step.text} → failed (reason ${reason})`,
      );
      return false;
    }
    const outcome = await callOperation(this.manager, call);
    this.approvals.learn(
      outcome,
      call.kind === 'reverse' ? call.poiTransactionId.TransactionID : undefined,
    );
    this.print(this.config.json ? outcomeLine(step, outcome) : outcomeText(step, outcome));
    return isKnownOutcome(outcome);
  }

  /** The manager call a step asks for; undefined for a reversal with nothing to reverse. */
  private callOf(step: OperationStep): OperationCall | undefined {
    switch (step.kind) {
      case 'login':
      case 'logout':
        return { kind: step.kind };
      case 'pay':
        return { kind: 'pay', amountMinor: step.amountMinor, currency: step.currency };
      case 'status':
      case 'abort':
        return step.serviceId === undefined
          ? { kind: step.kind }
          : { kind: step.kind, serviceId: step.serviceId };
      case 'admin':
        return step.adminKind === undefined
          ? { kind: 'admin' }
          : { kind: 'admin', admin: step.adminKind };
      case 'reverse': {
        const target = this.approvals.target(
          step.poiTransactionId,
          new Date(this.clock.wallNow()).toISOString(),
        );
        return target === undefined ? undefined : { kind: 'reverse', poiTransactionId: target };
      }
    }
  }
}
