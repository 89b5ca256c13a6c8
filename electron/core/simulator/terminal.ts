import {
  MAX_IDENTIFIER_CHARS,
  adminResponse,
  categoryResponse,
  displayRequest,
  eventNotification,
  failure,
  formDetails,
  headerOf,
  loginResponse,
  logoutResponse,
  paymentResponse,
  rejectNotification,
  responseBlock,
  reversalResponse,
  success,
  transactionStatusResponse,
  type AbortRequest,
  type AdminRequest,
  type Envelope,
  type ErrorCondition,
  type MessageHeader,
  type Outcome,
  type PaymentRequest,
  type ResponseEnvelope,
  type ReversalRequest,
  type TransactionStatusRequest,
} from '@shared/protocol';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import type {
  ArmedFaultKind,
  ArmedFaultsSnapshot,
  PaymentSnapshot,
} from '@shared/simulator/control';
import type { FaultName, PaymentPhase } from '@shared/simulator/faults';
import {
  OUTCOMES,
  authorisedMinor,
  outcomeForAmount,
  type PaymentOutcome,
} from '@shared/simulator/outcomes';
import type { ProfileKnobs, SimulatorSettings } from '@shared/simulator/profiles';
import { err, ok, type Result } from '@shared/result';
import type { Clock, TimerId } from '@shared/time/clock';
import type { Random } from '@shared/time/random';
import type { EventBody, EventSink, LedgerEntry } from '@shared/trace/events';
import {
  encryptedOf,
  sendBuilt,
  wireOf,
  type FrameMeta,
  type FrameRefusal,
  type Link,
  type LinkClosed,
  type LinkId,
} from '../link/link';
import { DuplicateGuard } from './duplicate-guard';
import { parseFaultCommand } from './fault-command';
import { FaultState } from './fault-state';
import {
  TransactionHistory,
  type StoredResponse,
  type TransactionIdentification,
  type TransactionRecord,
} from './history';
import { classifyFrame, type InboundRequest, type Intake } from './intake';
import { Ledger } from './ledger';
import {
  initialLifecycle,
  stepLifecycle,
  type LifecycleEffect,
  type LifecycleInput,
  type LifecycleState,
} from './lifecycle';
import {
  outcomeOf,
  paymentAnswer,
  pickCard,
  validatePayment,
  type SimulatedCard,
  type ValidPayment,
} from './payment';
import { PaymentRun } from './payment-run';
import { SessionTable } from './sessions';

/** How much of an oversized frame's text its `message` event keeps. */
const OVERSIZED_EVENT_CHARS = 64 * 1024;
/** EventToNotify of the transaction-state notifications (nexo has no standard value for it). */
export const TRANSACTION_STATE_EVENT = 'TransactionState';
/** The categories TransactionStatus can look up. */
const RECORDED_KINDS: readonly TransactionRecord['kind'][] = ['Payment', 'Reversal'];
/** Events held for the first subscriber (the start-up lifecycle event fires in the constructor). */
const EARLY_EVENT_LIMIT = 100;

/** How a terminal is made. */
export interface TerminalOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly settings: SimulatorSettings;
  readonly knobs: ProfileKnobs;
}

interface LinkEntry {
  readonly link: Link;
  readonly openedAt: string;
  readonly unsubscribe: () => void;
}

/** The header fields of a request that its response repeats. */
interface RequestHeaderView {
  readonly ProtocolVersion?: string;
  readonly MessageCategory: string;
  readonly ServiceID: string;
  readonly SaleID: string;
}

/** A service request as the handlers see it: where it came from and what it is. */
interface Exchange {
  readonly entry: LinkEntry;
  readonly view: RequestHeaderView;
  readonly poiId: string | undefined;
  /** A payment's SaleTransactionID, echoed in every PaymentResponse (even Busy or LoggedOut). */
  readonly saleTransactionId?: TransactionIdentification;
}

interface PaymentInfo {
  readonly link: LinkId;
  readonly view: RequestHeaderView;
  readonly payment: ValidPayment;
  readonly poiTransactionId: TransactionIdentification;
  readonly outcome: PaymentOutcome;
  readonly dropResponse: boolean;
  readonly card: SimulatedCard;
  readonly record: TransactionRecord;
}

type Handler = (exchange: Exchange, request: InboundRequest) => void;

/** How a sink subscribes to the simulator's events. */
export interface SinkOptions {
  /** Whether it keeps the simulator's own view of frames (`poi` message events); default true. */
  readonly frames?: boolean;
}

/**
 * The payment application itself, link-agnostic: sessions per link, the lifecycle, payments
 * in phases, TransactionStatus, Reversal, Abort, Admin, duplicates, faults, the ledger, and an
 * event for everything. The ws server and the memory dialer only hand it `Link`s.
 */
export class PoiTerminal {
  private readonly sinks = new Set<EventSink>();
  /** The sinks that keep the simulator's own view of frames (see {@link onEvent}). */
  private readonly frameSinks = new Set<EventSink>();
  private early: EventBody[] | undefined = [];
  private readonly ledgerBook = new Ledger();
  private readonly history = new TransactionHistory();
  private readonly duplicates: DuplicateGuard;
  private readonly faults = new FaultState();
  private readonly sessions = new SessionTable();
  private readonly links = new Map<LinkId, LinkEntry>();
  /** Timers other than the init timer and the payment's: delayed responses. */
  private readonly timers = new Set<TimerId>();
  private lifecycle: LifecycleState;
  private initTimer: TimerId | undefined;
  private payment: PaymentRun<PaymentInfo> | undefined;
  private readonly idPrefix: string;
  private transactionCounter = 0;
  private deviceCounter = 0;

  private readonly handlers: Readonly<Record<string, Handler>> = {
    Login: (x, r) => this.login(x, r),
    Logout: (x) => this.logout(x),
    Payment: (x, r) => this.startPayment(x, r),
    Reversal: (x, r) => this.reversal(x, r),
    TransactionStatus: (x, r) => this.transactionStatus(x, r),
    Abort: (x, r) => this.abort(x, r),
    Admin: (x, r) => this.admin(x, r),
    Diagnosis: (x) => this.diagnosis(x),
  };

  constructor(private readonly options: TerminalOptions) {
    this.duplicates = new DuplicateGuard(
      options.knobs.duplicateRule,
      options.settings.duplicateWindowMs,
    );
    this.idPrefix = randomTag(options.random, 6);
    this.lifecycle = initialLifecycle(options.settings.softwareVersion);
    this.step({ type: 'start' });
  }

  // ---- public surface ------------------------------------------------------------------------

  /**
   * Subscribes to every event. The first subscriber also receives what happened before it
   * subscribed (the start-up lifecycle event), so a recorder attached right after creation
   * misses nothing. A sink that keeps only the POS's view of the wire (a client-role trace, a
   * scenario run) says `frames: false`: the simulator's `poi` message events are then neither
   * built nor delivered to it, unless another sink keeps them (README "Performance: last
   * measured values").
   */
  onEvent(fn: EventSink, options: SinkOptions = {}): () => void {
    const frames = options.frames ?? true;
    this.sinks.add(fn);
    if (frames) this.frameSinks.add(fn);
    const early = this.early;
    this.early = undefined;
    for (const event of early ?? []) if (frames || event.kind !== 'message') deliver(fn, event);
    return () => {
      this.sinks.delete(fn);
      this.frameSinks.delete(fn);
    };
  }

  get closed(): boolean {
    return this.lifecycle.phase === 'stopped';
  }

  get phase(): LifecycleState['phase'] {
    return this.lifecycle.phase;
  }

  get version(): string {
    return this.lifecycle.version;
  }

  /** Attaches an open link; its frames are served from now on. */
  accept(link: Link): void {
    if (!link.isOpen) return;
    if (this.closed) {
      link.close(1001, 'simulator stopped');
      return;
    }
    if (this.links.has(link.id)) {
      link.close(1008, 'duplicate link id');
      return;
    }
    const offMessage = link.onMessage((text, meta) => this.onFrame(link.id, text, meta));
    const offClose = link.onClose((closed) => this.onLinkClosed(link.id, closed));
    const offRefusal = link.onRefusal?.((refusal) => this.onRefusal(link.id, refusal));
    this.links.set(link.id, {
      link,
      openedAt: this.wallIso(),
      unsubscribe: () => {
        offMessage();
        offClose();
        offRefusal?.();
      },
    });
    this.emit({ kind: 'link', observer: 'poi', link: link.id, ...wireOf(link), change: 'opened' });
  }

  /**
   * Records an event a front observed itself (a frame it answered at the wire's level, a
   * message refused for its protection), so the timeline shows it beside the terminal's own.
   */
  record(event: EventBody): void {
    this.emit(event);
  }

  /** Every fault and lifecycle operation, by its operation name (validated here). */
  apply(input: unknown): Result<void, string> {
    if (this.closed) return err('the simulator is closed');
    const parsed = parseFaultCommand(input);
    if (!parsed.ok) return parsed;
    const command = parsed.value;
    const { fault, ...args } = command;
    switch (command.fault) {
      case 'restart':
      case 'update':
        this.emitFault(fault, 'applied', { args });
        this.step({ type: command.fault, reason: command.fault });
        return ok(undefined);
      case 'dropLink':
        return this.dropLinks(command.linkId, command.dropMs);
      case 'resetSessions':
        this.emitFault(fault, 'applied', { args });
        this.forgetSessions('resetSessions');
        return ok(undefined);
      case 'busyNextLogins':
        this.faults.armBusyLogins(command.count);
        break;
      case 'dropNextResponse':
        this.faults.armDrop(command.category);
        break;
      case 'delayResponses':
        this.faults.setDelay(command.ms, command.category);
        break;
      case 'approveThenDrop':
        this.faults.armApproveThenDrop();
        break;
      case 'restartDuringPayment':
        this.faults.armRestartDuringPayment(command.phase);
        break;
      case 'nextPaymentOutcome':
        this.faults.armNextOutcome(command.outcome);
        break;
    }
    this.emitFault(fault, 'armed', { args });
    return ok(undefined);
  }

  /**
   * Takes back armed faults before they hit: one kind, or (without `kind`) every armed one.
   * Each kind taken back is a `disarmed` fault event, so the timeline says what was cleared.
   */
  disarm(kind?: ArmedFaultKind): Result<void, string> {
    if (this.closed) return err('the simulator is closed');
    for (const armed of kind === undefined ? this.faults.armedKinds() : [kind]) {
      if (this.faults.disarm(armed)) this.emitFault(armed, 'disarmed');
    }
    return ok(undefined);
  }

  /** Back to a fresh state: links closed, sessions, ledger, history and faults forgotten, initialising. */
  reset(): void {
    this.step({ type: 'reset' });
  }

  /** Stops everything: timers cleared, links closed. Final. */
  close(): void {
    this.step({ type: 'stop' });
    for (const timer of this.timers) this.options.clock.clearTimeout(timer);
    this.timers.clear();
  }

  ledger(): readonly LedgerEntry[] {
    return this.ledgerBook.all();
  }

  linkSnapshots(): { id: string; openedAt: string; saleId?: string }[] {
    return [...this.links.values()].map(({ link, openedAt }) => {
      const saleId = this.sessions.ofLink(link.id)?.saleId;
      return { id: link.id, openedAt, ...(saleId === undefined ? {} : { saleId }) };
    });
  }

  sessionSnapshots(): { link: string; saleId: string; openedAt: string }[] {
    return this.sessions
      .all()
      .map((s) => ({ link: s.link, saleId: s.saleId, openedAt: s.openedAt }));
  }

  paymentSnapshot(): PaymentSnapshot | null {
    const run = this.payment;
    if (!run || run.phase === 'done') return null;
    const { info } = run;
    return {
      link: info.link,
      saleId: info.view.SaleID,
      serviceId: info.view.ServiceID,
      saleTransactionId: info.payment.saleTransactionId.TransactionID,
      poiTransactionId: info.poiTransactionId.TransactionID,
      phase: run.phase,
      amountMinor: info.payment.amountMinor,
      currency: info.payment.currency,
    };
  }

  faultSnapshot(): ArmedFaultsSnapshot {
    return this.faults.snapshot();
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  private step(input: LifecycleInput): void {
    const { state, effects } = stepLifecycle(this.lifecycle, input);
    this.lifecycle = state;
    for (const effect of effects) this.carryOut(effect);
  }

  private carryOut(effect: LifecycleEffect): void {
    const { clock } = this.options;
    switch (effect.type) {
      case 'cancelInitTimer':
        if (this.initTimer !== undefined) clock.clearTimeout(this.initTimer);
        this.initTimer = undefined;
        return;
      case 'startInitTimer':
        this.initTimer = clock.setTimeout(() => {
          this.initTimer = undefined;
          this.step({ type: 'initElapsed' });
        }, this.options.settings.initMs);
        return;
      case 'interruptPayment':
        this.interruptPayment(effect.reason);
        return;
      case 'forgetSessions':
        this.forgetSessions(effect.reason);
        return;
      case 'closeLinks':
        for (const entry of [...this.links.values()]) {
          this.detach(entry);
          entry.link.close(effect.code, effect.reason);
          this.emit({
            kind: 'link',
            observer: 'poi',
            link: entry.link.id,
            ...wireOf(entry.link),
            change: 'closed',
            code: effect.code,
            abrupt: false,
          });
        }
        return;
      case 'clearRecords':
        this.ledgerBook.clear();
        this.history.clear();
        this.duplicates.clear();
        this.faults.clear();
        for (const timer of this.timers) clock.clearTimeout(timer);
        this.timers.clear();
        return;
      case 'announce':
        this.emit({
          kind: 'lifecycle',
          from: effect.from,
          to: effect.to,
          reason: effect.reason,
          version: this.lifecycle.version,
        });
        return;
    }
  }

  /** Runs a lifecycle input after the frames already handed to links went out. */
  private stepSoon(input: LifecycleInput): void {
    // A microtask, not a timer: no time passes, but in-memory links deliver their queued
    // frames first (they drop frames still in flight when the link closes).
    queueMicrotask(() => {
      if (!this.closed) this.step(input);
    });
  }

  private forgetSessions(reason: string): void {
    for (const session of this.sessions.clear()) {
      this.emit({
        kind: 'poiSession',
        link: session.link,
        change: 'closed',
        reason,
        saleId: session.saleId,
      });
    }
  }

  private dropLinks(linkId: string, refuseMs: number | undefined): Result<void, string> {
    const targets =
      linkId === 'all'
        ? [...this.links.values()]
        : [this.links.get(linkId as LinkId)].filter((e) => e !== undefined);
    if (targets.length === 0 && linkId !== 'all') return err(`no open link "${linkId}"`);
    this.emitFault('dropLink', 'applied', {
      args: { linkId, ...(refuseMs === undefined ? {} : { dropMs: refuseMs }) },
      note: `${String(targets.length)} link(s) dropped`,
    });
    for (const entry of targets) {
      this.detach(entry);
      this.closeSessionOf(entry.link.id, 'dropLink');
      entry.link.terminate(refuseMs === undefined ? {} : { refuseMs });
      this.emit({
        kind: 'link',
        observer: 'poi',
        link: entry.link.id,
        ...wireOf(entry.link),
        change: 'closed',
        code: 1006,
        abrupt: true,
      });
    }
    return ok(undefined);
  }

  // ---- links and frames ----------------------------------------------------------------------

  private detach(entry: LinkEntry): void {
    entry.unsubscribe();
    this.links.delete(entry.link.id);
  }

  private onLinkClosed(id: LinkId, closed: LinkClosed): void {
    const entry = this.links.get(id);
    if (!entry) return;
    this.detach(entry);
    this.closeSessionOf(id, closed.cut ?? 'link closed');
    this.emit({
      kind: 'link',
      observer: 'poi',
      link: id,
      ...wireOf(entry.link),
      change: 'closed',
      code: closed.code,
      abrupt: closed.abrupt,
      ...(closed.cut === undefined ? {} : { reason: closed.cut }),
    });
  }

  private closeSessionOf(link: LinkId, reason: string): void {
    const session = this.sessions.close(link);
    if (session) {
      this.emit({ kind: 'poiSession', link, change: 'closed', reason, saleId: session.saleId });
    }
  }

  /**
   * A frame the transport refused unread (its declared length is over the limit): shown like
   * an oversize frame and answered the same way, with a Reject; the transport then closes the
   * link, since the stream cannot be framed any more (README "Wires").
   */
  private onRefusal(id: LinkId, refusal: FrameRefusal): void {
    const entry = this.links.get(id);
    if (!entry) return;
    const reason = `message too large (${String(refusal.declaredBytes)} bytes declared; the limit is ${String(refusal.limitBytes)})`;
    this.recordInbound(entry, {
      text: `[a frame of ${String(refusal.declaredBytes)} bytes, refused unread]`,
    });
    this.sendReject(entry, '', reason);
  }

  private onFrame(id: LinkId, text: string, meta: FrameMeta | undefined): void {
    const entry = this.links.get(id);
    if (!entry) return;
    const byteLength = Buffer.byteLength(text, 'utf8');
    const { json, intake } = classifyFrame(text, byteLength, meta?.value);
    this.recordInbound(
      entry,
      json === undefined ? { text: eventText(text, byteLength) } : { json },
      meta,
    );
    try {
      this.handleIntake(entry, text, intake);
    } catch (error) {
      // The simulator must never crash on a frame; a bug shows up as a Reject naming it.
      const detail = error instanceof Error ? error.message : String(error);
      this.sendReject(entry, text, `internal error: ${detail}`);
    }
  }

  /** A frame from the POS as the trace shows it; built only when someone listens. */
  private recordInbound(
    entry: LinkEntry,
    content: { readonly text: string } | { readonly json: unknown },
    meta?: FrameMeta,
  ): void {
    if (!this.framesObserved) return;
    this.emit({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: entry.link.id,
      ...wireOf(entry.link),
      ...content,
      ...(meta?.http === undefined ? {} : { http: meta.http }),
      ...encryptedOf(entry.link),
    });
  }

  private handleIntake(entry: LinkEntry, text: string, intake: Intake): void {
    switch (intake.kind) {
      case 'reject':
        this.sendReject(entry, text, intake.reason, intake.saleId);
        return;
      case 'ignore':
        return;
      case 'malformed': {
        const { header } = intake;
        const exchange = this.exchange(
          entry,
          {
            ProtocolVersion: header.ProtocolVersion,
            MessageCategory: header.MessageCategory,
            ServiceID: header.ServiceID,
            SaleID: header.SaleID,
          },
          header.POIID,
        );
        if (!this.admit(exchange)) return;
        const answer = this.failure(
          exchange,
          'MessageFormat',
          `Invalid field ${intake.path}: ${intake.reason}`,
        );
        const kind = RECORDED_KINDS.find((k) => k === header.MessageCategory);
        if (kind) this.remember(exchange, kind, this.nextTransactionId(), answer);
        return;
      }
      case 'request': {
        const { request } = intake;
        const exchange = this.exchange(
          entry,
          {
            ProtocolVersion: request.header.ProtocolVersion,
            MessageCategory: request.category,
            ServiceID: request.serviceId,
            SaleID: request.saleId,
          },
          request.header.POIID,
          request.body.kind === 'PaymentRequest'
            ? request.body.body.SaleData.SaleTransactionID
            : undefined,
        );
        if (!this.admit(exchange)) return;
        this.handlers[request.category]?.(exchange, request);
        return;
      }
    }
  }

  private exchange(
    entry: LinkEntry,
    view: RequestHeaderView,
    poiId: string | undefined,
    saleTransactionId?: TransactionIdentification,
  ): Exchange {
    return {
      entry,
      view,
      poiId,
      ...(saleTransactionId === undefined ? {} : { saleTransactionId }),
    };
  }

  /**
   * The gate every service request passes before its handler: session (per profile),
   * duplicates, POIID (when the profile checks it), lifecycle and BUSY faults for Login,
   * one-at-a-time during a payment. Returns false when it already answered (or ignored).
   */
  private admit(x: Exchange): boolean {
    const { view } = x;
    const category = view.MessageCategory;
    // Before anything stores an identifier (sessions, duplicate guard, history): over-long ones
    // are refused, not kept (README "Reliability and limits").
    const overLong = this.overLongIdentifier(x);
    if (overLong !== undefined) {
      if (category === 'Abort') this.ignore(x, overLong);
      else this.failure(x, 'MessageFormat', overLong);
      return false;
    }
    const initialising = this.lifecycle.phase === 'initialising';
    if (category !== 'Login') {
      const session = this.sessions.find(x.entry.link.id, view.SaleID);
      if (!session || initialising) {
        const reason = initialising ? 'initialising' : 'no session';
        switch (this.options.knobs.noSession) {
          case 'ignore':
            this.ignore(x, reason);
            return false;
          case 'loggedOut':
            // Abort has no response in nexo, so there is nothing to say LoggedOut with.
            if (category === 'Abort') this.ignore(x, reason);
            else this.failure(x, 'LoggedOut', `${reason}: log in first`);
            return false;
          case 'allow':
            if (!initialising) break;
            if (category === 'Abort') this.ignore(x, reason);
            else this.failure(x, 'Busy', 'the payment application is initialising');
            return false;
        }
      }
    }
    // Abort gets no response, so neither a duplicate nor a BUSY answer applies to it.
    if (category === 'Abort') return true;
    if (this.duplicates.isRepeated(view.SaleID, view.ServiceID, this.options.clock.now())) {
      this.failure(
        x,
        'MessageFormat',
        `repeated message: ServiceID ${view.ServiceID} was already used by SaleID ${view.SaleID}`,
      );
      return false;
    }
    if (this.options.knobs.checkPoiId && x.poiId !== this.options.settings.poiId) {
      this.failure(
        x,
        'MessageFormat',
        `Invalid field $.SaleToPOIRequest.MessageHeader.POIID: expected ${this.options.settings.poiId}`,
      );
      return false;
    }
    if (category === 'Login') {
      if (initialising) {
        this.failure(x, 'Busy', 'the payment application is initialising; retry later');
        return false;
      }
      const left = this.faults.takeBusyLogin();
      if (left !== undefined) {
        this.emitFault('busyNextLogins', 'hit', {
          hit: this.hitOf(x),
          note: `${String(left)} more BUSY login(s) armed`,
        });
        this.failure(x, 'Busy', 'the payment application is busy; retry later');
        return false;
      }
      return true;
    }
    if (this.payment && category !== 'TransactionStatus') {
      this.failure(x, 'Busy', 'a payment is in progress');
      return false;
    }
    return true;
  }

  private overLongIdentifier({ view, poiId }: Exchange): string | undefined {
    // Checked in this order, without a table built per request: every request passes here.
    return (
      overLong('ServiceID', view.ServiceID, this.options.knobs.maxServiceIdChars) ??
      overLong('SaleID', view.SaleID, MAX_IDENTIFIER_CHARS) ??
      overLong('POIID', poiId, MAX_IDENTIFIER_CHARS)
    );
  }

  private ignore(x: Exchange, reason: string): void {
    this.emit({
      kind: 'poiSession',
      link: x.entry.link.id,
      change: 'ignored',
      reason,
      saleId: x.view.SaleID,
      serviceId: x.view.ServiceID,
      category: x.view.MessageCategory,
    });
  }

  // ---- handlers ------------------------------------------------------------------------------

  private login(x: Exchange, request: InboundRequest): void {
    const link = x.entry.link.id;
    const { opened, displaced } = this.sessions.open(link, request.saleId, this.wallIso());
    for (const old of displaced) {
      this.emit({
        kind: 'poiSession',
        link: old.link,
        change: 'closed',
        reason: `replaced by a Login of SaleID ${request.saleId} on link ${link}`,
        saleId: old.saleId,
      });
    }
    if (opened) {
      this.emit({
        kind: 'poiSession',
        link,
        change: 'opened',
        reason: 'login',
        saleId: request.saleId,
      });
    }
    this.respond(x, (header) =>
      loginResponse(header, success(), {
        DateTime: this.wallIso(),
        POISoftware: {
          ProviderIdentification: 'App2App Harness',
          ApplicationName: 'Payment application simulator',
          SoftwareVersion: this.lifecycle.version,
          CertificationCode: 'A2A-SIMULATOR',
        },
        POITerminalData: {
          TerminalEnvironment: 'Attended',
          POICapabilities: ['CashierDisplay', 'CashierStatus', 'ICC', 'EMVContactless'],
          POISerialNumber: this.options.settings.poiId,
        },
        POIStatus: this.poiStatus(),
      }),
    );
  }

  private logout(x: Exchange): void {
    this.closeSessionOf(x.entry.link.id, 'logout');
    this.respond(x, (header) => logoutResponse(header, success()));
  }

  private startPayment(x: Exchange, request: InboundRequest): void {
    if (request.body.kind !== 'PaymentRequest') return;
    const body: PaymentRequest = request.body.body;
    const { settings, knobs, random, clock } = this.options;
    const valid = validatePayment(body, settings, knobs);
    const poiTransactionId = this.nextTransactionId();
    if (!valid.ok) {
      const answer = this.respond(x, (header) =>
        paymentResponse(header, {
          outcome: failure(
            'MessageFormat',
            `Invalid field ${valid.error.path}: ${valid.error.reason}`,
          ),
          saleTransactionId: body.SaleData.SaleTransactionID,
          poiTransactionId,
        }),
      );
      this.remember(x, 'Payment', poiTransactionId, answer);
      return;
    }
    const dropResponse = this.faults.takeApproveThenDrop();
    const override = dropResponse ? undefined : this.faults.takeNextOutcome();
    if (override !== undefined) {
      this.emitFault('nextPaymentOutcome', 'hit', { hit: this.hitOf(x), note: override });
    }
    const outcome: PaymentOutcome = dropResponse
      ? 'approved'
      : (override ?? outcomeForAmount(valid.value.amountMinor));
    const record = this.history.add({
      kind: 'Payment',
      saleId: x.view.SaleID,
      serviceId: x.view.ServiceID,
      poiTransactionId,
    });
    const run = new PaymentRun<PaymentInfo>(
      {
        link: x.entry.link.id,
        view: x.view,
        payment: valid.value,
        poiTransactionId,
        outcome,
        dropResponse,
        card: pickCard(random),
        record,
      },
      clock,
      settings,
      {
        enter: (r, phase) => this.enterPhase(r, phase),
        authorised: (r) => this.completePayment(r, true),
      },
    );
    this.payment = run;
    run.start();
  }

  private enterPhase(run: PaymentRun<PaymentInfo>, phase: PaymentPhase): void {
    this.announce(
      run.info,
      phase === 'waitingForCard' ? 'Present card' : 'Authorising, please wait',
      phase,
    );
    if (this.faults.takeRestartAt(phase)) {
      this.emitFault('restartDuringPayment', 'hit', {
        hit: { link: run.info.link, category: 'Payment', serviceId: run.info.view.ServiceID },
        note: phase,
      });
      // The phase's display and event went out; the restart follows before anything else.
      this.stepSoon({ type: 'restart', reason: `restartDuringPayment (${phase})` });
    }
  }

  /** The authorisation finished: record it, and answer unless the link is being torn down. */
  private completePayment(run: PaymentRun<PaymentInfo>, send: boolean): void {
    const { info } = run;
    const spec = OUTCOMES[info.outcome];
    const authorised = authorisedMinor(info.outcome, info.payment.amountMinor);
    const stored = paymentAnswer(this.answerHeader(info.view), {
      payment: info.payment,
      poiTransactionId: info.poiTransactionId,
      poiId: this.options.settings.poiId,
      outcome: outcomeOf(spec),
      card: info.card,
      authorisedMinor: authorised,
      ...(spec.ledgerResult === 'declined'
        ? {}
        : { approvalCode: randomDigits(this.options.random, 6) }),
    });
    this.history.finish(info.record, stored);
    this.payment = undefined;
    const entry = this.ledgerBook.record({
      saleId: info.view.SaleID,
      saleTransactionId: info.payment.saleTransactionId.TransactionID,
      poiTransactionId: info.poiTransactionId.TransactionID,
      serviceId: info.view.ServiceID,
      amountMinor: info.payment.amountMinor,
      authorisedMinor: authorised,
      currency: info.payment.currency,
      result: spec.ledgerResult,
      ...(spec.errorCondition === undefined ? {} : { errorCondition: spec.errorCondition }),
      reversed: false,
      at: this.wallIso(),
    });
    this.emit({ kind: 'ledger', change: 'recorded', entry });
    if (!send) return;
    // The closing display and event come just before the response.
    this.announce(info, spec.display, 'done');
    this.deliver(info.link, stored, info.dropResponse ? 'approveThenDrop' : undefined);
  }

  /** The payment ended before authorisation (Abort, or a restart while waiting for the card). */
  private abortPayment(run: PaymentRun<PaymentInfo>, reason: string, send: boolean): void {
    const { info } = run;
    const stored = paymentAnswer(this.answerHeader(info.view), {
      payment: info.payment,
      poiTransactionId: info.poiTransactionId,
      poiId: this.options.settings.poiId,
      outcome: failure('Aborted', reason),
      authorisedMinor: 0,
    });
    this.history.finish(info.record, stored);
    this.payment = undefined;
    if (!send) return;
    this.announce(info, 'Aborted', 'done');
    this.deliver(info.link, stored);
  }

  private interruptPayment(reason: string): void {
    const run = this.payment;
    if (!run) return;
    const was = run.stop();
    // Once the authorisation is under way the host has it: the payment completes and is
    // recorded, but its response can no longer be sent (the link is going).
    if (was === 'authorising') this.completePayment(run, false);
    else this.abortPayment(run, `payment application ${reason}`, false);
  }

  private abort(x: Exchange, request: InboundRequest): void {
    if (request.body.kind !== 'AbortRequest') return;
    const body: AbortRequest = request.body.body;
    const ref = body.MessageReference;
    const saleId = ref.SaleID ?? x.view.SaleID;
    const serviceId = ref.ServiceID;
    const run = this.payment;
    if (run && run.info.view.SaleID === saleId && run.info.view.ServiceID === serviceId) {
      // Before authorisation the payment ends Aborted; during it, the abort loses the race.
      if (run.phase === 'waitingForCard') {
        run.stop();
        this.abortPayment(run, `aborted by the sale system: ${body.AbortReason}`, true);
      }
      return;
    }
    const record = serviceId === undefined ? undefined : this.history.find(saleId, serviceId);
    if (record?.response && (ref.MessageCategory ?? record.kind) === record.kind) {
      this.transmit(
        x.entry.link.id,
        eventNotification({
          ...this.address(x.view.SaleID, serviceId),
          timeStamp: this.wallIso(),
          event: 'Completed',
          details: formDetails({
            message: `${record.kind} already completed`,
            ServiceID: record.serviceId,
          }),
        }),
      );
      return;
    }
    this.sendReject(
      x.entry,
      JSON.stringify(request.envelope),
      `Abort of an unknown message: SaleID ${saleId}, ServiceID ${serviceId ?? '(none)'}`,
      x.view.SaleID,
    );
  }

  private transactionStatus(x: Exchange, request: InboundRequest): void {
    if (request.body.kind !== 'TransactionStatusRequest') return;
    const body: TransactionStatusRequest = request.body.body;
    const ref = body.MessageReference;
    let record: TransactionRecord | undefined;
    if (ref) {
      if (ref.ServiceID === undefined) {
        this.failure(
          x,
          'MessageFormat',
          'Invalid field $.SaleToPOIRequest.TransactionStatusRequest.MessageReference.ServiceID: missing required field ServiceID',
        );
        return;
      }
      const found = this.history.find(ref.SaleID ?? x.view.SaleID, ref.ServiceID);
      record =
        found && (ref.MessageCategory === undefined || ref.MessageCategory === found.kind)
          ? found
          : undefined;
    } else {
      record = this.history.last(x.view.SaleID);
    }
    if (!record) {
      this.respond(x, (header) =>
        transactionStatusResponse(header, {
          outcome: failure('NotFound', 'no such transaction'),
          ...(ref
            ? {
                reference: {
                  category: ref.MessageCategory,
                  serviceId: ref.ServiceID ?? '',
                  saleId: ref.SaleID,
                  poiId: ref.POIID,
                },
              }
            : {}),
        }),
      );
      return;
    }
    const reference = { category: record.kind, serviceId: record.serviceId, saleId: record.saleId };
    const stored = record.response;
    const outcome: Outcome = stored
      ? success()
      : failure(this.options.knobs.statusWhileRunning, 'the transaction is still in progress');
    this.respond(x, (header) =>
      transactionStatusResponse(header, {
        outcome,
        reference,
        ...(stored ? { repeated: stored, form: this.options.knobs.repeatedResponseForm } : {}),
      }),
    );
  }

  private reversal(x: Exchange, request: InboundRequest): void {
    if (request.body.kind !== 'ReversalRequest') return;
    const body: ReversalRequest = request.body.body;
    const poiTransactionId = this.nextTransactionId();
    const original = body.OriginalPOITransaction.POITransactionID?.TransactionID;
    const answer = (
      outcome: Outcome,
      made: Pick<
        Parameters<typeof reversalResponse>[1],
        'originalPoiTransaction' | 'reversedAmount'
      > = {},
    ): void => {
      const stored = this.respond(x, (header) =>
        reversalResponse(header, { outcome, poiTransactionId, ...made }),
      );
      this.remember(x, 'Reversal', poiTransactionId, stored);
    };
    if (original === undefined) {
      answer(
        failure(
          'MessageFormat',
          'Invalid field $.SaleToPOIRequest.ReversalRequest.OriginalPOITransaction.POITransactionID: missing required field POITransactionID',
        ),
      );
      return;
    }
    const payment = this.history.byPoiTransactionId('Payment', original);
    const entry = this.ledgerBook.find(original);
    if (!payment && !entry) {
      answer(failure('NotFound', `no payment with POITransactionID ${original}`));
      return;
    }
    const refusal = !entry
      ? 'the payment was not authorised'
      : entry.reversed
        ? 'the payment is already reversed'
        : entry.result === 'declined'
          ? 'the payment was declined'
          : undefined;
    if (refusal !== undefined || !entry) {
      answer(failure('NotAllowed', refusal));
      return;
    }
    const reversed = this.ledgerBook.markReversed(original);
    if (reversed) this.emit({ kind: 'ledger', change: 'reversed', entry: reversed });
    answer(success(), {
      originalPoiTransaction: body.OriginalPOITransaction,
      reversedAmount: { minor: entry.authorisedMinor, currency: entry.currency },
    });
  }

  private admin(x: Exchange, request: InboundRequest): void {
    if (request.body.kind !== 'AdminRequest') return;
    const body: AdminRequest = request.body.body;
    const service = (body.ServiceIdentification ?? 'Diagnosis').trim();
    const status = this.poiStatus();
    const summary = `GlobalStatus=${String(status.GlobalStatus)}&Version=${this.lifecycle.version}&Sessions=${String(this.sessions.all().length)}`;
    const succeed = (text: string): void => {
      this.respond(x, (header) => adminResponse(header, success(text)));
    };
    const actions: Readonly<Record<string, () => void>> = {
      diagnosis: () => succeed(summary),
      status: () => succeed(summary),
      update: () => {
        succeed('update starting');
        this.stepSoon({ type: 'update', reason: 'Admin update request' });
      },
      restart: () => {
        succeed('restart starting');
        this.stepSoon({ type: 'restart', reason: 'Admin restart request' });
      },
    };
    const action = actions[service.toLowerCase()];
    if (action) action();
    else {
      this.failure(x, 'NotAllowed', `unsupported ServiceIdentification "${service}"`);
    }
  }

  private diagnosis(x: Exchange): void {
    // DiagnosisResponse is not in the protocol model: built by category, shaped as nexo has it.
    this.respond(x, (header) =>
      categoryResponse('Diagnosis', header, {
        Response: responseBlock(success()),
        POIStatus: this.poiStatus(),
        LoggedSaleID: [...new Set(this.sessions.all().map((s) => s.saleId))],
        HostStatus: [{ AcquirerID: 'A2A_SIMULATOR', IsReachableFlag: true }],
      }),
    );
  }

  // ---- answers -------------------------------------------------------------------------------

  private poiStatus(): { readonly GlobalStatus: 'Busy' | 'OK' } & Readonly<
    Record<string, unknown>
  > {
    return {
      GlobalStatus: this.payment ? 'Busy' : 'OK',
      SecurityOKFlag: true,
      PEDOKFlag: true,
      CardReaderOKFlag: true,
      CommunicationOKFlag: true,
    };
  }

  /**
   * The request's header as the simulator answers it: its own POIID, class Service, no
   * DeviceID. The shared response builders turn it into the response header.
   */
  private answerHeader(view: RequestHeaderView): MessageHeader {
    // Every field written out (an undefined ProtocolVersion is dropped by the response builder):
    // a conditional spread at the head of this literal made it a visible share of every answer
    // (README "Performance: last measured values").
    return {
      ProtocolVersion: view.ProtocolVersion,
      MessageClass: 'Service',
      MessageCategory: view.MessageCategory,
      MessageType: 'Request',
      ServiceID: view.ServiceID,
      SaleID: view.SaleID,
      POIID: this.options.settings.poiId,
    };
  }

  /** Answers the exchange with what `build` makes; returns what was (or would have been) sent. */
  private respond(x: Exchange, build: (header: MessageHeader) => ResponseEnvelope): StoredResponse {
    const stored = build(this.answerHeader(x.view));
    this.deliver(x.entry.link.id, stored);
    return stored;
  }

  /** A Failure answer in the body shape of the request's category. */
  private failure(x: Exchange, errorCondition: ErrorCondition, additional: string): StoredResponse {
    const outcome = failure(errorCondition, additional);
    if (x.view.MessageCategory === 'Payment') {
      return this.respond(x, (header) =>
        paymentResponse(header, {
          outcome,
          ...(x.saleTransactionId === undefined ? {} : { saleTransactionId: x.saleTransactionId }),
          poiTransactionId: this.nextTransactionId(),
        }),
      );
    }
    return this.respond(x, (header) =>
      categoryResponse(x.view.MessageCategory, header, { Response: responseBlock(outcome) }),
    );
  }

  /** Keeps a Payment or Reversal answer for TransactionStatus. */
  private remember(
    x: Exchange,
    kind: TransactionRecord['kind'],
    poiTransactionId: TransactionIdentification,
    response: StoredResponse,
  ): void {
    this.history.add({
      kind,
      saleId: x.view.SaleID,
      serviceId: x.view.ServiceID,
      poiTransactionId,
      response,
    });
  }

  /** Sends a response through the response faults: approve-then-drop, drop next, delay. */
  private deliver(link: LinkId, stored: StoredResponse, forced?: FaultName): void {
    const header = headerOf(stored);
    const category = String(header.MessageCategory);
    // Made only when a fault hits: most answers go straight out.
    const hit = () => ({ link, category, serviceId: String(header.ServiceID) });
    const envelope = stored;
    if (forced !== undefined) {
      this.emitFault(forced, 'hit', { hit: hit(), note: 'response not sent' });
      return;
    }
    if (this.faults.takeDrop(category)) {
      this.emitFault('dropNextResponse', 'hit', { hit: hit(), note: 'response not sent' });
      return;
    }
    const delay = this.faults.delayFor(category);
    if (delay > 0) {
      this.emitFault('delayResponses', 'hit', {
        hit: hit(),
        note: `response delayed by ${String(delay)} ms`,
      });
      const timer = this.options.clock.setTimeout(() => {
        this.timers.delete(timer);
        this.transmit(link, envelope);
      }, delay);
      this.timers.add(timer);
      return;
    }
    this.transmit(link, envelope);
  }

  /** One frame out, if the link is still there (a response to a closed link is lost). */
  private transmit(link: LinkId, envelope: Envelope): void {
    const entry = this.links.get(link);
    if (!entry?.link.isOpen) return;
    if (this.framesObserved) {
      this.emit({
        kind: 'message',
        observer: 'poi',
        direction: 'toPos',
        link,
        ...wireOf(entry.link),
        json: envelope,
        ...encryptedOf(entry.link),
      });
    }
    sendBuilt(entry.link, JSON.stringify(envelope), envelope);
  }

  /** A payment phase shown on the cashier display and told as a transaction-state event. */
  private announce(info: PaymentInfo, text: string, state: PaymentPhase | 'done'): void {
    const { SaleID, ServiceID } = info.view;
    // Written field by field: on Node 20's V8 a literal that opens with a spread and then gets
    // more fields costs microseconds (README "Performance: last measured values"), and a
    // payment announces each of its phases.
    const display = this.address(SaleID, ServiceID);
    this.transmit(
      info.link,
      displayRequest({
        saleId: display.saleId,
        poiId: display.poiId,
        deviceId: display.deviceId,
        serviceId: display.serviceId,
        lines: [text],
        responseRequired: false,
      }),
    );
    const event = this.address(SaleID, ServiceID);
    this.transmit(
      info.link,
      eventNotification({
        saleId: event.saleId,
        poiId: event.poiId,
        deviceId: event.deviceId,
        serviceId: event.serviceId,
        timeStamp: this.wallIso(),
        event: TRANSACTION_STATE_EVENT,
        details: formDetails({ state, ServiceID, message: text }),
      }),
    );
  }

  private sendReject(entry: LinkEntry, text: string, reason: string, saleId?: string): void {
    const to = saleId ?? this.sessions.ofLink(entry.link.id)?.saleId ?? 'N/A';
    this.transmit(
      entry.link.id,
      rejectNotification({
        ...this.address(to),
        rejectedText: text,
        reason,
        timeStamp: this.wallIso(),
      }),
    );
  }

  // ---- small helpers -------------------------------------------------------------------------

  /** Who a POI-initiated message (display, event) is addressed to; each gets a DeviceID of its own. */
  private address(
    saleId: string,
    serviceId?: string,
  ): { saleId: string; poiId: string; deviceId: string; serviceId?: string } {
    this.deviceCounter += 1;
    return {
      saleId,
      poiId: this.options.settings.poiId,
      deviceId: String(this.deviceCounter),
      serviceId,
    };
  }

  /** A POITransactionID unique for the life of this simulator (restarts included). */
  private nextTransactionId(): TransactionIdentification {
    this.transactionCounter += 1;
    return {
      TransactionID: `${this.idPrefix}${String(this.transactionCounter).padStart(6, '0')}`,
      TimeStamp: this.wallIso(),
    };
  }

  private hitOf(x: Exchange): { link: string; category: string; serviceId: string } {
    return { link: x.entry.link.id, category: x.view.MessageCategory, serviceId: x.view.ServiceID };
  }

  private emitFault(
    name: FaultName,
    phase: 'armed' | 'hit' | 'applied' | 'disarmed',
    extra: {
      args?: Record<string, unknown>;
      hit?: { link?: string; category?: string; serviceId?: string };
      note?: string;
    } = {},
  ): void {
    this.emit({ kind: 'fault', name, phase, ...extra });
  }

  private wallIso(): string {
    return new Date(this.options.clock.wallNow()).toISOString();
  }

  /**
   * Whether a message event would reach anyone: a sink that keeps frames, or the buffer kept
   * for the first subscriber. Wire events are built only then (README "Performance: last
   * measured values").
   */
  private get framesObserved(): boolean {
    return (
      this.frameSinks.size > 0 ||
      (this.early !== undefined && this.early.length < EARLY_EVENT_LIMIT)
    );
  }

  private emit(event: EventBody): void {
    if (this.early) {
      if (this.early.length < EARLY_EVENT_LIMIT) this.early.push(event);
      return;
    }
    const to = event.kind === 'message' ? this.frameSinks : this.sinks;
    for (const sink of [...to]) deliver(sink, event);
  }
}

function deliver(sink: EventSink, event: EventBody): void {
  try {
    sink(event);
  } catch {
    // Observers (recorder, UI) must not change what the POS sees; a failing one is skipped.
  }
}

/** Why a header identifier is refused, when it is longer than `limit`. */
function overLong(field: string, value: string | undefined, limit: number): string | undefined {
  if (value === undefined || value.length <= limit) return undefined;
  return `Invalid field $.SaleToPOIRequest.MessageHeader.${field}: ${String(value.length)} characters; the limit is ${String(limit)}`;
}

/** The text an oversized frame's event keeps (the rest would only bloat the trace). */
function eventText(text: string, byteLength: number): string {
  if (byteLength <= MAX_FRAME_BYTES) return text;
  return `${text.slice(0, OVERSIZED_EVENT_CHARS)}… [${String(byteLength)} bytes, truncated]`;
}

function randomTag(random: Random, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let tag = 'S';
  for (let i = 0; i < length; i += 1) {
    tag += alphabet[Math.floor(random.next() * alphabet.length)] ?? 'X';
  }
  return tag;
}

function randomDigits(random: Random, length: number): string {
  let digits = '';
  for (let i = 0; i < length; i += 1) digits += String(Math.floor(random.next() * 10));
  return digits;
}
