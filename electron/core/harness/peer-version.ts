import type { EventBody } from '@shared/trace/events';

type Json = Readonly<Record<string, unknown>>;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)[key]
    : undefined;
}

/**
 * The payment application's software version, read from a LoginResponse the POS received
 * (`POISystemData.POISoftware.SoftwareVersion`); undefined for any other event. This is how the
 * session panel names an external peer's version.
 */
export function peerVersionOf(event: EventBody): string | undefined {
  if (event.kind !== 'message' || event.direction !== 'toPos') return undefined;
  const login = field(field(event.json, 'SaleToPOIResponse'), 'LoginResponse');
  const version = field(field(field(login, 'POISystemData'), 'POISoftware'), 'SoftwareVersion');
  return typeof version === 'string' && version !== '' ? version : undefined;
}
