import type { CallChannel, PushChannel } from './contract';

// This module is zod-free on purpose: the sandboxed preload bundles it, and it must stay small.

/** Every call channel, at run time. `satisfies Record<…>` makes a missing or extra entry a compile error. */
const callChannelTable = {
  'app:info': true,
  'session:snapshot': true,
  'session:connect': true,
  'session:disconnect': true,
  'session:getPolicy': true,
  'session:setPolicy': true,
  'requests:login': true,
  'requests:logout': true,
  'requests:pay': true,
  'requests:status': true,
  'requests:reverse': true,
  'requests:abort': true,
  'requests:admin': true,
  'requests:approvals': true,
  'faults:apply': true,
  'faults:available': true,
  'faults:disarm': true,
  'simulator:configure': true,
  'simulator:state': true,
  'simulator:ledger': true,
  'simulator:reset': true,
  'trace:status': true,
  'trace:setRecording': true,
  'trace:save': true,
  'trace:saveAs': true,
  'trace:open': true,
  'trace:exportMermaid': true,
  'report:export': true,
  'report:saveAs': true,
  'events:since': true,
  'scenarios:list': true,
  'scenarios:run': true,
  'scenarios:batch': true,
  'scenarios:trace': true,
  'verdicts:current': true,
  'settings:get': true,
  'settings:set': true,
} as const satisfies Record<CallChannel, true>;

/** Every push channel, at run time. */
const pushChannelTable = { 'events:batch': true } as const satisfies Record<PushChannel, true>;

/** The call channels of the contract. */
export const CALL_CHANNELS = Object.keys(callChannelTable) as readonly CallChannel[];

/** The push channels of the contract. */
export const PUSH_CHANNELS = Object.keys(pushChannelTable) as readonly PushChannel[];

/** Narrows an untrusted string to a call channel. */
export function isCallChannel(channel: string): channel is CallChannel {
  return Object.hasOwn(callChannelTable, channel);
}

/** Narrows an untrusted string to a push channel. */
export function isPushChannel(channel: string): channel is PushChannel {
  return Object.hasOwn(pushChannelTable, channel);
}

/** Splits `domain:name` into its parts (every channel of the contract has exactly one colon). */
export function splitChannel(channel: CallChannel | PushChannel): {
  readonly domain: string;
  readonly name: string;
} {
  const colon = channel.indexOf(':');
  return { domain: channel.slice(0, colon), name: channel.slice(colon + 1) };
}

/** The renderer-side method name of a push: `events:batch` → `onBatch`. */
export function pushMethodName(channel: PushChannel): string {
  const { name } = splitChannel(channel);
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
