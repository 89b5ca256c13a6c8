import type { HarnessFaultName } from './contract';

// zod-free on purpose (like channels.ts): the renderer and the preload may import it cheaply.

/** What one fault button says: its accessible name and the real-world event it stands for. */
export interface FaultDescription {
  readonly label: string;
  readonly description: string;
  /**
   * Who plays it: the simulator (payment app side), the client (POS side), or only the proxy
   * (the middle of proxy role).
   */
  readonly side: 'simulator' | 'client' | 'proxy';
}

/**
 * Every fault of the fault panel, in the order the panel lists them. The labels are the stable
 * accessible names of README "Testing surface for your own Playwright suites" (tests locate the buttons by them); `satisfies` makes a fault
 * without an entry a compile error.
 */
const FAULT_TABLE = {
  update: {
    label: 'Update payment app',
    description:
      'The payment app is updated: it restarts with a new version and every session ends.',
    side: 'simulator',
  },
  restart: {
    label: 'Restart payment app',
    description:
      'The payment app restarts or the device reboots: links close, sessions end, it initialises again.',
    side: 'simulator',
  },
  restartClient: {
    label: 'Restart POS app',
    description:
      'The POS app restarts: its memory is gone; the payment journal and ServiceIDs survive.',
    side: 'client',
  },
  dropLink: {
    label: 'Drop link',
    description: 'The IPC link between the two apps is lost without a close handshake.',
    side: 'simulator',
  },
  logout: {
    label: 'Logout',
    description: 'The POS sends Logout: the session ends until it logs in again.',
    side: 'client',
  },
  busyNextLogins: {
    label: 'BUSY next logins',
    description: 'The payment app is still starting: the next Logins answer Failure/Busy.',
    side: 'simulator',
  },
  dropNextResponse: {
    label: 'Lose next response',
    description: 'The next response is lost on the way back to the POS.',
    side: 'simulator',
  },
  approveThenDrop: {
    label: 'Approve then lose response',
    description: 'The next payment is approved and charged, but its response never arrives.',
    side: 'simulator',
  },
  restartDuringPayment: {
    label: 'Restart during payment',
    description: 'The payment app restarts in the middle of the next payment.',
    side: 'simulator',
  },
  resetSessions: {
    label: 'Silent session reset',
    description:
      'The payment app forgets every session but keeps the links open, and says nothing.',
    side: 'simulator',
  },
  delayResponses: {
    label: 'Delay responses',
    description: 'A slow payment app or network: responses arrive late.',
    side: 'simulator',
  },
  nextPaymentOutcome: {
    label: 'Force next payment outcome',
    description: 'The next payment ends with the chosen outcome (e.g. declined, wrong PIN).',
    side: 'simulator',
  },
  ignoreNextRequests: {
    label: 'Ignore next requests',
    description:
      'The next requests of the POS are swallowed in the middle, as a terminal without a session does.',
    side: 'proxy',
  },
  dropUpstreamLink: {
    label: 'Drop terminal link',
    description:
      'The link between the harness and the terminal is lost; the POS link follows, as a cable would.',
    side: 'proxy',
  },
} as const satisfies Record<HarnessFaultName, FaultDescription>;

/** Every fault of the fault panel, in display order. */
export const HARNESS_FAULT_NAMES = Object.keys(FAULT_TABLE) as [
  HarnessFaultName,
  ...HarnessFaultName[],
];

/** The label, real-world description and side of a fault. */
export function describeFault(fault: HarnessFaultName): FaultDescription {
  return FAULT_TABLE[fault];
}
