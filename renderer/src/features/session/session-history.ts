import type { EventOf, TraceEvent } from '@shared/trace/view';
import { describeFault, HARNESS_FAULT_NAMES } from '@shared/ipc/faults';
import type { HarnessFaultName } from '@shared/ipc';
import { OPEN_SESSION_STATES, type SessionStateId } from '@shared/session/states';
import { reasonWords, stateWords } from './session-words';

/** One transition inside an episode of the history. */
export interface HistoryStep {
  /** What the step says, e.g. "session ended", "re-login", "ready". */
  readonly label: string;
  readonly to: string;
  /** The session manager's reason, in words (for the tooltip). */
  readonly reason: string;
  readonly seq: number;
  readonly t: number;
  /** On a BUSY step: how many Logins were answered BUSY in a row. */
  readonly busyAnswers?: number;
}

/**
 * One episode of the session's life: what set it off (a fault, an update, a timeout, the start)
 * and the transitions that followed until the session came to rest again.
 */
export interface HistoryEpisode {
  /** The cause in words, e.g. "Payment app updated to 1.0.1". */
  readonly cause: string;
  /** Seq and time of the cause (or of the first transition when the cause is the transition's own reason). */
  readonly seq: number;
  readonly t: number;
  readonly steps: readonly HistoryStep[];
}

/** Something that happened and will explain the next transitions. */
interface PendingCause {
  readonly text: string;
  readonly seq: number;
  readonly t: number;
}

/** The client session's history, folded from the events (README "Session history"). */
export interface SessionHistory {
  /** Oldest first; at most the fold's limit. */
  readonly episodes: readonly HistoryEpisode[];
  /** Older episodes no longer kept (the history is bounded for a long run). */
  readonly dropped: number;
  readonly pending?: PendingCause;
  /** The client has had a session before: a later Login is a re-login. */
  readonly hadSession: boolean;
  /** Seq of the last event folded in (0 before any). */
  readonly seq: number;
}

export const EMPTY_HISTORY: SessionHistory = {
  episodes: [],
  dropped: 0,
  hadSession: false,
  seq: 0,
};

/** How many episodes a live run keeps. */
export const HISTORY_LIMIT = 200;

/** States where the session comes to rest: an episode that reached one is over. */
const RESTING: ReadonlySet<string> = new Set<SessionStateId>(['ready', 'loggedOut', 'failed']);
const OPEN: ReadonlySet<string> = new Set<string>(OPEN_SESSION_STATES);
const HARNESS_FAULTS: ReadonlySet<string> = new Set(HARNESS_FAULT_NAMES);

const faultLabel = (name: string): string =>
  HARNESS_FAULTS.has(name) ? describeFault(name as HarnessFaultName).label : name;

/** What a fault that acted at once, or hit its message, did: the cause of what follows. */
function faultCause(event: EventOf<'fault'>): string | undefined {
  if (event.phase === 'applied') {
    switch (event.name) {
      case 'update':
        return 'Payment app updated';
      case 'restart':
        return 'Payment app restarted';
      case 'restartClient':
        return 'POS app restarted';
      case 'logout':
        return 'POS logged out';
      case 'dropLink':
        return 'Link dropped';
      case 'resetSessions':
        return 'Payment app forgot every session (silent reset)';
      default:
        return `${faultLabel(event.name)} applied`;
    }
  }
  if (event.phase !== 'hit') return undefined;
  const category = event.hit?.category;
  switch (event.name) {
    case 'approveThenDrop':
      return 'Payment approved, its response lost';
    case 'dropNextResponse':
      return `${category ?? 'A'} response lost`;
    case 'restartDuringPayment':
      return 'Payment app restarted during a payment';
    case 'busyNextLogins':
      return 'Login answered BUSY';
    default:
      return `${faultLabel(event.name)} acted`;
  }
}

/** The cause an event gives to the transitions after it, if any. */
function causeOf(event: TraceEvent, pending: PendingCause | undefined): string | undefined {
  switch (event.kind) {
    case 'fault':
      return faultCause(event);
    case 'lifecycle':
      // The update's fault event came first; the lifecycle event adds the new version.
      if (event.to === 'initialising' && event.reason === 'update')
        return `Payment app updated to ${event.version}`;
      if (event.to === 'initialising' && event.reason === 'restart' && pending === undefined)
        return 'Payment app restarted';
      return undefined;
    case 'timeout':
      return `No ${event.category} response within ${String(Math.round(event.afterMs))} ms`;
    case 'link':
      return event.observer === 'pos' && event.change === 'closed' && pending === undefined
        ? 'Link to the payment app closed'
        : undefined;
    case 'message':
    case 'session':
    case 'retry':
    case 'op':
    case 'poiSession':
    case 'ledger':
    case 'security':
      return undefined;
  }
}

/** The first transitions of a run: the client starting, in words. */
function causeOfTransition(event: EventOf<'session'>): string {
  if (event.from === 'offline' && event.reason === 'start') return 'Client started';
  if (event.to === 'offline' && event.reason === 'stopped') return 'Client stopped';
  const reason = reasonWords(event.reason);
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

function stepLabel(event: EventOf<'session'>, hadSession: boolean): string {
  if (event.to === 'busyBackoff') return busyLabel(1);
  if (event.to === 'loggingIn') return hadSession ? 're-login' : 'login';
  if (OPEN.has(event.from) && !OPEN.has(event.to)) return `session ended (${stateWords(event.to)})`;
  return stateWords(event.to);
}

const busyLabel = (answers: number): string => `answered BUSY ×${String(answers)}`;

/**
 * The steps of an open episode after one more transition. A BUSY loop (login, BUSY, login,
 * BUSY…) reads as one step that counts the answers.
 */
function grownSteps(
  steps: readonly HistoryStep[],
  step: HistoryStep,
  event: EventOf<'session'>,
): readonly HistoryStep[] {
  const last = steps.at(-1);
  if (last?.to === 'busyBackoff') {
    if (event.to === 'loggingIn') return steps;
    if (event.to === 'busyBackoff') {
      const answers = (last.busyAnswers ?? 1) + 1;
      return [...steps.slice(0, -1), { ...last, label: busyLabel(answers), busyAnswers: answers }];
    }
  }
  return [...steps, step];
}

/**
 * A history being folded: the episode list is this fold's own copy, so a batch of events
 * grows it in place instead of copying it per event (a long trace has thousands of episodes).
 * Episode objects are never changed, only replaced: older histories share them.
 */
interface Draft {
  readonly episodes: HistoryEpisode[];
  dropped: number;
  pending?: PendingCause | undefined;
  hadSession: boolean;
  seq: number;
}

/** A draft of `history` with its own episode list; a draft is a history once the fold ends. */
function draftOf(history: SessionHistory): Draft {
  return { ...history, episodes: history.episodes.slice() };
}

function foldTransition(draft: Draft, event: TraceEvent & EventOf<'session'>, limit: number) {
  draft.seq = event.seq;
  // A transition to the same state is a note ("Logout sent; session closing"): no step, and a
  // pending cause waits for the change it explains.
  if (event.from === event.to) return;
  const step: HistoryStep = {
    label: stepLabel(event, draft.hadSession),
    to: event.to,
    reason: reasonWords(event.reason),
    seq: event.seq,
    t: event.t,
  };
  draft.hadSession = draft.hadSession || OPEN.has(event.to);
  const episodes = draft.episodes;
  const last = episodes.at(-1);
  const lastStep = last?.steps.at(-1);
  const open = last !== undefined && lastStep !== undefined && !RESTING.has(lastStep.to);
  if (draft.pending === undefined && last !== undefined && open) {
    const steps = grownSteps(last.steps, step, event);
    if (steps !== last.steps) episodes[episodes.length - 1] = { ...last, steps };
    return;
  }
  const cause = draft.pending ?? { text: causeOfTransition(event), seq: event.seq, t: event.t };
  episodes.push({ cause: cause.text, seq: cause.seq, t: cause.t, steps: [step] });
  if (episodes.length > limit) {
    episodes.shift();
    draft.dropped += 1;
  }
  draft.pending = undefined;
}

function foldInto(draft: Draft, event: TraceEvent, limit: number) {
  if (event.kind === 'session') {
    foldTransition(draft, event, limit);
    return;
  }
  draft.seq = event.seq;
  const cause = causeOf(event, draft.pending);
  if (cause === undefined) return;
  // A later, more precise word for the same happening (the update's version) replaces the
  // first; anything else that happens before the session moves is part of the same cause.
  const before = draft.pending;
  draft.pending =
    before === undefined
      ? { text: cause, seq: event.seq, t: event.t }
      : {
          ...before,
          text:
            event.kind === 'lifecycle'
              ? cause
              : `${before.text}; ${cause.charAt(0).toLowerCase()}${cause.slice(1)}`,
        };
}

/** Folds one event into the history; events must arrive in seq order. */
export function foldSessionHistory(
  history: SessionHistory,
  event: TraceEvent,
  limit = HISTORY_LIMIT,
): SessionHistory {
  const draft = draftOf(history);
  foldInto(draft, event, limit);
  return draft;
}

/** Folds a batch (the live append); events at or before the history's seq are skipped. */
export function foldSessionHistoryEvents(
  history: SessionHistory,
  events: readonly TraceEvent[],
  limit = HISTORY_LIMIT,
): SessionHistory {
  let draft: Draft | undefined;
  for (const event of events) {
    if (event.seq <= (draft ?? history).seq) continue;
    draft ??= draftOf(history);
    foldInto(draft, event, limit);
  }
  return draft ?? history;
}

/**
 * The history as it stood right after event `seq` (for a replay scrubber). Episodes and their
 * steps are in seq order, so only the last episode that started by `seq` can be cut: it is
 * found by binary search, not by walking every episode of a long trace.
 */
export function historyUpTo(history: SessionHistory, seq: number): readonly HistoryEpisode[] {
  const episodes = history.episodes;
  // How many episodes have a first step at or before `seq`.
  let lo = 0;
  let hi = episodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((episodes[mid]?.steps[0]?.seq ?? Number.POSITIVE_INFINITY) <= seq) lo = mid + 1;
    else hi = mid;
  }
  const last = episodes[lo - 1];
  if (last === undefined) return [];
  const steps = last.steps.filter((step) => step.seq <= seq);
  const cut = steps.length === last.steps.length ? last : { ...last, steps };
  if (lo === episodes.length && cut === last) return episodes;
  const upTo = episodes.slice(0, lo);
  upTo[lo - 1] = cut;
  return upTo;
}

/**
 * What a replay shows at event `seq`: the newest `limit` episodes up to it and how many older
 * ones are left out. A long trace holds thousands of episodes; drawing them all made the replay
 * view's layout cost more than the timeline's (README "Performance: last measured values").
 */
export function replayHistoryAt(
  history: SessionHistory,
  seq: number,
  limit: number = HISTORY_LIMIT,
): { readonly episodes: readonly HistoryEpisode[]; readonly dropped: number } {
  const upTo = historyUpTo(history, seq);
  const dropped = Math.max(0, upTo.length - limit);
  return { episodes: dropped === 0 ? upTo : upTo.slice(dropped), dropped };
}

/** One episode in one line: "Payment app updated to 1.0.1: session ended (offline) → re-login → ready". */
export function episodeText(episode: HistoryEpisode): string {
  return `${episode.cause}: ${episode.steps.map((step) => step.label).join(' → ')}`;
}
