import type { SessionStateId } from '@shared/session/states';

/**
 * How the window says each session state. The ids (`loggingIn`, `busyBackoff`…) stay the
 * machine names (traces, CLI, `data-session-state`); `satisfies` makes a new state without
 * words a compile error.
 */
const STATE_WORDS = {
  offline: 'offline',
  connecting: 'connecting',
  linked: 'linked',
  loggingIn: 'logging in',
  ready: 'ready',
  busyBackoff: 'waiting after BUSY',
  recovering: 'recovering a payment',
  loggedOut: 'logged out',
  failed: 'failed',
} as const satisfies Record<SessionStateId, string>;

/** The same in at most a dozen letters, for the nodes of the state-machine drawing. */
const SHORT_STATE_WORDS = {
  ...STATE_WORDS,
  busyBackoff: 'BUSY wait',
  recovering: 'recovering',
} as const satisfies Record<SessionStateId, string>;

const isKnownState = (state: string): state is SessionStateId => Object.hasOwn(STATE_WORDS, state);

/** A session state in words; a state a newer harness introduced shows as it is. */
export function stateWords(state: string): string {
  return isKnownState(state) ? STATE_WORDS[state] : state;
}

/** A session state in a few words, to fit a node of the drawing. */
export function shortStateWords(state: string): string {
  return isKnownState(state) ? SHORT_STATE_WORDS[state] : state;
}

const STATE_ID = new RegExp(`\\b(${Object.keys(STATE_WORDS).join('|')})\\b`, 'g');

/**
 * A transition reason from the session manager with the state ids in it said in words
 * ("loggedOut; link open" → "logged out; link open"); the rest of the reason is already prose.
 */
export function reasonWords(reason: string): string {
  let words = reasonCache.get(reason);
  if (words === undefined) {
    words = reason.replace(STATE_ID, (id) => stateWords(id));
    // Reasons repeat (a long trace says the same few thousands of times); the bound keeps a
    // run whose reasons carry ServiceIDs from growing the cache without end.
    if (reasonCache.size >= REASON_CACHE_SIZE) reasonCache.clear();
    reasonCache.set(reason, words);
  }
  return words;
}

const REASON_CACHE_SIZE = 512;
const reasonCache = new Map<string, string>();
