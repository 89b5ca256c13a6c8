import {
  Cable,
  CircleArrowUp,
  CreditCard,
  EarOff,
  Eraser,
  Hourglass,
  ListChecks,
  LogOut,
  MailX,
  Power,
  RefreshCcwDot,
  RotateCcw,
  Timer,
  Unplug,
  type LucideIcon,
} from 'lucide-react';
import type { HarnessFaultName } from '@shared/ipc';

/**
 * The icon beside each fault's label in the toolbar (README "Fault buttons"): a glyph to find a
 * button by at a glance, never its only name. `satisfies` makes a new fault without an icon a
 * compile error.
 */
export const FAULT_ICONS = {
  update: CircleArrowUp,
  restart: Power,
  restartClient: RotateCcw,
  dropLink: Unplug,
  logout: LogOut,
  busyNextLogins: Hourglass,
  dropNextResponse: MailX,
  approveThenDrop: CreditCard,
  restartDuringPayment: RefreshCcwDot,
  resetSessions: Eraser,
  delayResponses: Timer,
  nextPaymentOutcome: ListChecks,
  ignoreNextRequests: EarOff,
  dropUpstreamLink: Cable,
} as const satisfies Record<HarnessFaultName, LucideIcon>;
