import type { TraceEvent, TraceHeader } from '../trace/events';

/** What a report says about a run before any detail: who played what, with which settings. */
export interface RunSummary {
  readonly role: string;
  readonly profile: string;
  readonly harnessVersion: string;
  /** The payment application's versions as the trace saw them, in order (an update adds one). */
  readonly paymentAppVersions: readonly string[];
  readonly createdAt: string;
  /** Monotonic time from the first to the last event, in ms. */
  readonly durationMs: number;
  readonly events: number;
  readonly masked: boolean;
  readonly seed?: number;
  readonly scenario?: string;
  /** The header's policy and simulator settings, as `key = value` pairs in file order. */
  readonly policy: readonly (readonly [string, string])[];
  readonly simulator: readonly (readonly [string, string])[];
}

function pairs(record: Readonly<Record<string, unknown>> | undefined): [string, string][] {
  if (record === undefined) return [];
  return Object.entries(record).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
  ]);
}

/** Derives the summary from the header and the events. */
export function summaryOf(header: TraceHeader, events: readonly TraceEvent[]): RunSummary {
  const versions: string[] = [];
  for (const event of events) {
    if (event.kind === 'lifecycle' && versions.at(-1) !== event.version)
      versions.push(event.version);
  }
  const first = events[0]?.t ?? 0;
  const last = events.at(-1)?.t ?? first;
  return {
    role: header.role,
    profile: header.profile,
    harnessVersion: header.harnessVersion,
    paymentAppVersions: versions,
    createdAt: header.createdAt,
    durationMs: Math.max(0, last - first),
    events: events.length,
    masked: header.masked,
    ...(header.seed === undefined ? {} : { seed: header.seed }),
    ...(header.scenario === undefined ? {} : { scenario: header.scenario }),
    policy: pairs(header.policy),
    simulator: pairs(header.simulator),
  };
}

/** `7.2 s`, `850 ms`, `3 min 4.0 s`: a duration as a person reads it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${(seconds - minutes * 60).toFixed(1)} s`;
}
