import { z } from 'zod';
import { LedgerEntry } from '../trace/events';
import type { FaultName } from '../simulator/faults';

const Category = z.string().min(1).max(40);
const Count = z.number().int().min(1).max(1000);

/**
 * The faults the proxy can put in the middle of a real POS ⇄ terminal conversation. Where a
 * fault means what the simulator's fault of the same name means, it has that name and shape
 * (README "Proxy role"), so a script arms it the same way on either.
 */
export const ProxyFaultCommand = z.discriminatedUnion('fault', [
  /** Cuts the POS's link (and, as a cable would, the terminal link behind it). */
  z.strictObject({ fault: z.literal('dropLink'), linkId: z.string().min(1).default('all') }),
  /** Cuts the terminal link (and the POS link in front of it). */
  z.strictObject({
    fault: z.literal('dropUpstreamLink'),
    linkId: z.string().min(1).default('all'),
  }),
  /** Answers the POS's next N Logins with Failure/Busy without forwarding them. */
  z.strictObject({ fault: z.literal('busyNextLogins'), count: Count }),
  /** Loses the next response (of a category) on its way to the POS. */
  z.strictObject({ fault: z.literal('dropNextResponse'), category: Category.optional() }),
  /** Holds the terminal's responses (of a category) for `ms` before the POS gets them; 0 ends it. */
  z.strictObject({
    fault: z.literal('delayResponses'),
    ms: z.number().int().min(0).max(600_000),
    category: Category.optional(),
  }),
  /** Forwards the next payment and loses its response only if the terminal approved it. */
  z.strictObject({ fault: z.literal('approveThenDrop') }),
  /** Swallows the POS's next N requests, as a terminal without a session does. */
  z.strictObject({ fault: z.literal('ignoreNextRequests'), count: Count }),
  /** Disarms every fault. */
  z.strictObject({ fault: z.literal('clearFaults') }),
]);
export type ProxyFaultCommand = z.infer<typeof ProxyFaultCommand>;
export type ProxyFaultCommandInput = z.input<typeof ProxyFaultCommand>;
export type ProxyFaultName = ProxyFaultCommand['fault'];

/**
 * Simulator faults that need a payment application of our own: in the middle they cannot be
 * done, and saying why beats a silent no-op.
 */
export const NOT_IN_PROXY: Readonly<Partial<Record<FaultName, string>>> = {
  restart: 'the terminal is real: restart it by hand (the proxy cuts both links when it drops)',
  update: 'the terminal is real: update it by hand',
  resetSessions: "the proxy cannot make a real terminal forget its sessions; use 'Drop link'",
  restartDuringPayment: 'the terminal is real: restart it by hand during a payment',
  nextPaymentOutcome: 'the terminal decides the outcome; use its test cards or amounts',
};

/** The faults waiting for their message, as `GET /control/state` shows them. */
export const ProxyArmedFaults = z.object({
  busyNextLogins: z.number().int(),
  ignoreNextRequests: z.number().int(),
  /** One entry per armed `dropNextResponse`: its category, or null for "any category". */
  dropNextResponse: z.array(z.string().nullable()),
  /** Response delays in force by category; the key `*` applies to every category. */
  delayResponses: z.record(z.string(), z.number().int()),
  approveThenDrop: z.boolean(),
});
export type ProxyArmedFaults = z.infer<typeof ProxyArmedFaults>;

/** One kind of fault armed in the middle (a key of {@link ProxyArmedFaults}): what a remove button takes back. */
export const ProxyArmedFaultKind = ProxyArmedFaults.keyof();
export type ProxyArmedFaultKind = z.infer<typeof ProxyArmedFaultKind>;

/** Milliseconds the proxy added to the messages going one way. */
export const LatencySummary = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p99Ms: z.number().nullable(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

/** One POS connection and the terminal connection behind it. */
export const ProxyPairSnapshot = z.object({
  posLink: z.string(),
  upstreamLink: z.string().nullable(),
  saleId: z.string().optional(),
  /** The POS's session as the terminal's answers reveal it. */
  session: z.enum(['none', 'loggedIn', 'loggedOut']),
  openedAt: z.string(),
});
export type ProxyPairSnapshot = z.infer<typeof ProxyPairSnapshot>;

/** `GET /control/state` of `a2a proxy` and `Proxy.state()`. */
export const ProxyStateSnapshot = z.object({
  role: z.literal('proxy'),
  listenUrl: z.string().nullable(),
  upstream: z.string(),
  pairs: z.array(ProxyPairSnapshot),
  faults: ProxyArmedFaults,
  latency: z.object({ toTerminal: LatencySummary, toPos: LatencySummary }),
  /** Approvals and reversals the terminal reported (the proxy's view of the ledger). */
  ledger: z.array(LedgerEntry),
});
export type ProxyStateSnapshot = z.infer<typeof ProxyStateSnapshot>;
