import type {
  ApiResult,
  AppInfo,
  CallHandlers,
  FaultRequest,
  FaultApplied,
  ClientFaultName,
  HarnessArmedKind,
  HarnessFaultName,
  HarnessRole,
  OperationResult,
  OpenedTrace,
  TraceStatus,
} from '@shared/ipc';
import { describeFault } from '@shared/ipc/faults';
import { DEFAULT_EVENTS_PAGE } from '@shared/ipc/schemas';
import { wireToMinor } from '@shared/protocol/money';
import { err, ok, type Result } from '@shared/result';
import { ProxyArmedFaultKind } from '@shared/proxy/faults';
import { ArmedFaultKind } from '@shared/simulator/control';
import { resolveSimulatorSettings } from '@shared/simulator/profiles';
import type { Clock } from '@shared/time/clock';
import type { TraceHeader } from '@shared/trace/events';
import { traceToMermaid } from '@shared/trace/mermaid';
import { describeTraceError, parseTrace } from '@shared/trace/reader';
import type { SessionManager } from '../session';
import type { Approvals } from '../session/approvals';
import { callOperation, type OperationCall } from '../session/operation-call';
import { toOperationResult } from './operation-result';
import { simulatorPartOf, toRoleConfig, type Runtime } from './runtime';
import type { ReportChannel } from './report-handlers';
import type { ScenarioChannel } from './scenario-handlers';
import type { SettingsChannel } from './settings-handlers';

/** What the handlers work on. */
export interface HandlerDeps {
  readonly info: AppInfo;
  readonly clock: Clock;
  readonly runtime: Runtime;
  readonly approvals: Approvals;
}

const unavailable = (
  message: string,
): {
  readonly ok: false;
  readonly error: { readonly kind: 'unavailable'; readonly message: string };
} => err({ kind: 'unavailable', message });

/** Faults that wait for their message (armed) rather than acting at once. */
const ARMING: ReadonlySet<HarnessFaultName> = new Set<HarnessFaultName>([
  'busyNextLogins',
  'dropNextResponse',
  'delayResponses',
  'approveThenDrop',
  'restartDuringPayment',
  'nextPaymentOutcome',
  'ignoreNextRequests',
]);

const isProxyKind = (kind: HarnessArmedKind): kind is ProxyArmedFaultKind =>
  ProxyArmedFaultKind.safeParse(kind).success;
const isSimulatorKind = (kind: HarnessArmedKind): kind is ArmedFaultKind =>
  ArmedFaultKind.safeParse(kind).success;

/** Why a request cannot run when no session manager does, by role. */
const NO_MANAGER: Readonly<Record<HarnessRole, string>> = {
  client: 'not connected: connect to a peer first',
  terminal: 'requests need the client role: in terminal role the POS is external',
  proxy: 'requests need the client role: in proxy role the POS is external',
};

/** `a2a-2026-03-04T10-30-00-000Z-client.jsonl`: sortable, and valid on every file system. */
export function traceFileName(header: TraceHeader, extension: string): string {
  return `a2a-${header.createdAt.replace(/[:.]/g, '-')}-${header.role}.${extension}`;
}

/**
 * One handler per call of the HarnessApi, over the runtime's pieces. Payloads arrive validated
 * (the dispatcher parsed them); what can still go wrong in a correct call — a request with no
 * session manager, a simulator fault against an external peer, a port in use — is an error value
 * of kind `unavailable` with a message that says why. (The scenarios and verdicts calls are
 * answered by scenario-handlers.ts, the reports by report-handlers.ts.)
 */
export function createCallHandlers(
  deps: HandlerDeps,
): Omit<CallHandlers, ScenarioChannel | SettingsChannel | ReportChannel> {
  const { info, clock, runtime, approvals } = deps;

  /** Runs a request on the session manager once configuration changes have settled. */
  const withManager = async <T>(
    task: (manager: SessionManager) => Promise<ApiResult<T>>,
  ): Promise<ApiResult<T>> => {
    await runtime.settled();
    const manager = runtime.manager();
    if (manager !== undefined) return task(manager);
    return unavailable(NO_MANAGER[runtime.config().role]);
  };

  const operation = (call: OperationCall): Promise<ApiResult<OperationResult>> =>
    withManager(async (manager) => {
      const outcome = await callOperation(manager, call);
      approvals.learn(
        outcome,
        call.kind === 'reverse' ? call.poiTransactionId.TransactionID : undefined,
      );
      return ok(toOperationResult(outcome));
    });

  const traceStatus = (): TraceStatus => {
    const run = runtime.run();
    return {
      runId: run.runId,
      recording: run.recording(),
      skipped: run.skipped(),
      events: run.lastSeq(),
      header: run.header,
    };
  };

  /**
   * A payment-app fault goes to the proxy in proxy role (the same names mean the same there,
   * README "The proxy role") and to the embedded simulator otherwise.
   */
  const applyInTheMiddleOrSimulator = (
    request: Exclude<FaultRequest, { fault: ClientFaultName }>,
  ): Result<void, string> => {
    const proxy = runtime.proxy();
    if (runtime.config().role === 'proxy') {
      return proxy === undefined ? err('the proxy is not listening') : proxy.apply(request);
    }
    if (request.fault === 'dropUpstreamLink' || request.fault === 'ignoreNextRequests')
      return err('a fault of the middle: it needs proxy role');
    const simulator = runtime.simulator();
    return simulator === undefined ? err('the simulator is not running') : simulator.apply(request);
  };

  const applyFault = async (request: FaultRequest): Promise<ApiResult<FaultApplied>> => {
    await runtime.settled();
    const { label } = describeFault(request.fault);
    const availability = runtime.faults().find((f) => f.fault === request.fault);
    if (availability?.enabled !== true)
      return unavailable(`${label}: ${availability?.reason ?? 'not available'}`);
    const manager = runtime.manager();
    if (request.fault === 'restartClient' || request.fault === 'logout') {
      if (manager === undefined) return unavailable(`${label}: not connected`);
      if (request.fault === 'restartClient') {
        await manager.restartClient();
        return ok({ fault: request.fault, message: `${label}: applied` });
      }
      // The fault is the Logout leaving; its outcome follows on the timeline.
      void manager.logout({ asFault: true }).then((outcome) => approvals.learn(outcome));
      return ok({ fault: request.fault, message: `${label}: Logout sent` });
    }
    const applied = applyInTheMiddleOrSimulator(request);
    if (!applied.ok) return unavailable(`${label}: ${applied.error}`);
    return ok({
      fault: request.fault,
      message: `${label}: ${ARMING.has(request.fault) ? 'armed (acts on its message)' : 'applied'}`,
    });
  };

  return {
    'app:info': () => Promise.resolve(ok(info)),

    'session:snapshot': async () => {
      await runtime.settled();
      return ok(runtime.sessionInfo());
    },
    'session:connect': async (request) => {
      const connected =
        request.peer === 'embedded'
          ? await runtime.connect({ kind: 'embedded' })
          : await runtime.connect({ kind: 'external', url: request.url }, request.terminalApi);
      return connected.ok ? ok(runtime.sessionInfo()) : unavailable(connected.error);
    },
    'session:disconnect': async () => {
      await runtime.disconnect();
      return ok(runtime.sessionInfo());
    },
    'session:getPolicy': async () => {
      await runtime.settled();
      return ok(runtime.policy());
    },
    'session:setPolicy': async (partial) => {
      await runtime.settled();
      const next = { ...runtime.policy(), ...partial };
      const applied = await runtime.setPolicy(next);
      return applied.ok
        ? ok({ policy: runtime.policy(), restarted: applied.value })
        : unavailable(applied.error);
    },

    'requests:login': () => operation({ kind: 'login' }),
    'requests:logout': () => operation({ kind: 'logout' }),
    'requests:pay': (request) => {
      const minor = wireToMinor(request.amount, request.currency);
      if (!minor.ok)
        return Promise.resolve(
          err({ kind: 'invalid-request', message: `requests:pay: amount: ${minor.error.reason}` }),
        );
      return operation({
        kind: 'pay',
        amountMinor: minor.value,
        currency: request.currency,
        ...(request.paymentType === undefined ? {} : { paymentType: request.paymentType }),
        ...(request.saleTransactionId === undefined
          ? {}
          : { saleTransactionId: request.saleTransactionId }),
      });
    },
    'requests:status': (request) =>
      operation({
        kind: 'status',
        ...(request.serviceId === undefined ? {} : { serviceId: request.serviceId }),
      }),
    'requests:reverse': (request) => {
      const target = approvals.target(
        request.poiTransactionId,
        new Date(clock.wallNow()).toISOString(),
      );
      if (target === undefined)
        return Promise.resolve(
          unavailable(
            'no approved payment to reverse: make a payment first or name its POITransactionID',
          ),
        );
      return operation({ kind: 'reverse', poiTransactionId: target });
    },
    'requests:abort': (request) =>
      operation({
        kind: 'abort',
        ...(request.serviceId === undefined ? {} : { serviceId: request.serviceId }),
      }),
    'requests:admin': (request) =>
      operation({ kind: 'admin', ...(request.kind === undefined ? {} : { admin: request.kind }) }),
    'requests:approvals': () => Promise.resolve(ok(approvals.list())),

    'faults:apply': applyFault,
    'faults:available': async () => {
      await runtime.settled();
      return ok(runtime.faults());
    },

    'faults:disarm': async (request) => {
      await runtime.settled();
      const kind = request.armed;
      const proxy = runtime.proxy();
      if (proxy !== undefined) {
        if (kind === undefined) proxy.disarm();
        else if (isProxyKind(kind)) proxy.disarm(kind);
        else return unavailable(`${describeFault(kind).label}: never armed in proxy role`);
        return ok(runtime.simulatorInfo());
      }
      const simulator = runtime.simulator();
      if (simulator === undefined) return unavailable('no payment-app simulator is running');
      if (kind !== undefined && !isSimulatorKind(kind))
        return unavailable(`${describeFault(kind).label}: a fault of the middle, never armed here`);
      const disarmed = simulator.disarm(kind);
      return disarmed.ok ? ok(runtime.simulatorInfo()) : unavailable(disarmed.error);
    },

    'simulator:configure': async (request) => {
      const current = runtime.config();
      const asked = simulatorPartOf(request);
      const profile = asked.profile ?? current.profile;
      const settings = asked.settings ?? current.settings;
      const resolved = resolveSimulatorSettings(settings);
      if (!resolved.ok)
        return err({ kind: 'invalid-request', message: `simulator:configure: ${resolved.error}` });
      const next = toRoleConfig(request, { profile, settings });
      const configured = await runtime.configure(next);
      return configured.ok ? ok(runtime.simulatorInfo()) : unavailable(configured.error);
    },
    'simulator:state': async () => {
      await runtime.settled();
      return ok(runtime.simulatorInfo());
    },
    'simulator:reset': async () => {
      await runtime.settled();
      const proxy = runtime.proxy();
      if (proxy !== undefined) {
        proxy.reset();
        return ok(runtime.simulatorInfo());
      }
      const simulator = runtime.simulator();
      if (simulator === undefined) return unavailable('no payment-app simulator is running');
      simulator.reset();
      return ok(runtime.simulatorInfo());
    },
    'simulator:ledger': async () => {
      await runtime.settled();
      const simulator = runtime.simulator();
      if (simulator !== undefined) return ok(simulator.ledger());
      // Proxy role: the approvals and reversals the terminal reported.
      const proxy = runtime.proxy();
      if (proxy !== undefined) return ok(proxy.ledger());
      const config = runtime.config();
      return unavailable(
        config.role === 'client' && config.peer.kind === 'external'
          ? `the ledger belongs to the embedded simulator; the peer is external (${config.peer.url})`
          : 'the simulator is not running',
      );
    },

    'trace:status': async () => {
      await runtime.settled();
      return ok(traceStatus());
    },
    'trace:setRecording': async (request) => {
      await runtime.settled();
      runtime.setRecording(request.on);
      return ok(traceStatus());
    },
    'trace:save': async () => {
      await runtime.settled();
      const run = runtime.run();
      return ok({ fileName: traceFileName(run.header, 'jsonl'), text: run.text() });
    },
    'trace:saveAs': () =>
      Promise.resolve(
        unavailable(
          'the native save dialog exists only in the desktop app; use trace:save and download the text',
        ),
      ),
    'trace:open': (request) => {
      const parsed = parseTrace(request.text);
      const answer: OpenedTrace = parsed.ok
        ? {
            kind: 'parsed',
            fileName: request.fileName,
            header: parsed.value.header,
            events: parsed.value.events,
            warnings: parsed.value.warnings,
          }
        : {
            kind: 'corrupt',
            fileName: request.fileName,
            line: parsed.error.line,
            reason: parsed.error.reason,
            message: `${request.fileName} ${describeTraceError(parsed.error)}`,
          };
      return Promise.resolve(ok(answer));
    },
    'trace:exportMermaid': async (selection) => {
      await runtime.settled();
      const run = runtime.run();
      const text = traceToMermaid(run.events(), {
        ...selection,
        title: `App2App Harness, ${run.header.role} role, ${run.header.createdAt}`,
      });
      return ok({ fileName: traceFileName(run.header, 'mmd'), text });
    },

    'events:since': async (request) => {
      await runtime.settled();
      return ok(runtime.run().since(request.afterSeq, request.limit ?? DEFAULT_EVENTS_PAGE));
    },
  };
}
