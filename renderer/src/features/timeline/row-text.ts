import { CircleX, Hourglass, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { Wire } from '@shared/link/endpoint';
import type { ProxyDisposition, ProxyLeg } from '@shared/trace/events';
import type { Direction, EventKind } from '@shared/trace/view';
import type { RowConcern, TimelineRow } from './timeline-rows';
import type { FlowLane } from './timeline-flow';

/** Short badge text per kind, shown in the kind column. */
export const KIND_BADGE: Readonly<Record<EventKind, string>> = {
  message: 'msg',
  session: 'session',
  fault: 'fault',
  timeout: 'timeout',
  retry: 'retry',
  op: 'op',
  lifecycle: 'app',
  link: 'link',
  poiSession: 'poi',
  ledger: 'ledger',
  security: 'security',
};

/** Short badge text per wire, shown beside a row's detail. */
export const WIRE_BADGE: Readonly<Record<Wire, string>> = {
  ws: 'WS',
  tcp: 'TCP',
  'local-api': 'HTTP',
  'terminal-api': 'HTTPS',
};

/**
 * Proxy role: the leg a message arrived on and what the proxy did with it, in words (README
 * "The proxy role"), e.g. "terminal leg, dropped by a fault".
 */
export function legWords(leg: ProxyLeg, proxied: ProxyDisposition | undefined): string {
  const where = leg === 'pos' ? 'POS leg' : 'terminal leg';
  return proxied === undefined ? where : `${where}, ${PROXIED_WORDS[proxied]}`;
}

const PROXIED_WORDS: Readonly<Record<ProxyDisposition, string>> = {
  forwarded: 'forwarded',
  dropped: 'dropped by a fault',
  synthesised: 'answered by the proxy (a fault)',
  swallowed: 'swallowed by a fault',
};

/** Plural names per kind, for the kind filter. */
export const KIND_LABEL: Readonly<Record<EventKind, string>> = {
  message: 'Messages',
  session: 'Session transitions',
  fault: 'Faults',
  timeout: 'Timeouts',
  retry: 'Retries',
  op: 'Operations',
  lifecycle: 'Payment app lifecycle',
  link: 'Links',
  poiSession: 'Payment app sessions',
  ledger: 'Ledger',
  security: 'Security (encryption)',
};

export const DIRECTION_LABEL: Readonly<Record<Direction, string>> = {
  toPoi: 'To payment application',
  toPos: 'To POS',
};

/** The glyph between the lanes: the arrow of a frame, a dot for everything else. */
export function arrowOf(row: TimelineRow): string {
  if (row.direction === 'toPoi') return '→';
  if (row.direction === 'toPos') return '←';
  return '·';
}

/** "Failure / Busy", "Success", or "". */
export function resultText(row: TimelineRow): string {
  if (row.result === undefined) return row.errorCondition ?? '';
  return row.errorCondition === undefined ? row.result : `${row.result} / ${row.errorCondition}`;
}

/** The arrow in words, for screen readers (the glyph itself is hidden from them). */
export function directionWords(row: TimelineRow): string {
  if (row.direction === 'toPoi') return 'POS to payment application';
  if (row.direction === 'toPos') return 'payment application to POS';
  return '';
}

/**
 * The icon of a fault or timeout that concerns a row (its words are beside it, hidden). Icons,
 * not characters: an hourglass character is missing from many Linux fonts and drew as a box.
 */
export const CONCERN_ICON: Readonly<Record<RowConcern['kind'], LucideIcon>> = {
  fault: TriangleAlert,
  timeout: Hourglass,
};

/** The icon of a failing verdict on a row it names. */
export const VERDICT_ICON: LucideIcon = CircleX;

/** The lanes' names in the flow view's header, per number of lanes. */
export function laneLabel(lanes: readonly FlowLane[], lane: FlowLane): string {
  if (lane === 'pos') return 'POS';
  if (lane === 'terminal') return 'Terminal';
  return lanes.includes('terminal') ? 'Proxy' : 'Payment app';
}

/** Everything a row says, uncut, one fact per line: what its tooltip shows. */
export function fullText(row: TimelineRow, verdicts?: readonly string[]): string {
  const lines = [
    [
      row.title,
      row.serviceId === undefined ? '' : `#${row.serviceId}`,
      directionWords(row) === '' ? '' : `(${directionWords(row)})`,
    ]
      .filter((part) => part !== '')
      .join(' '),
    [resultText(row), row.latencyMs === undefined ? '' : `${row.latencyMs} ms`]
      .filter((part) => part !== '')
      .join(' · '),
    row.detail,
    ...row.concerns.map((concern) => `${concern.kind}: ${concern.text}`),
    ...(verdicts ?? []).map((message) => `verdict failed: ${message}`),
  ];
  return lines.filter((line) => line !== '').join('\n');
}
