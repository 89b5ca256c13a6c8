import {
  MESSAGE_CATEGORIES,
  PROTOCOL_VERSION,
  messageClassOf,
  type KnownMessageCategory,
} from '@shared/protocol';
import type { StepOf } from '@shared/scenario';

function isKnownCategory(category: string): category is KnownMessageCategory {
  return (MESSAGE_CATEGORIES as readonly string[]).includes(category);
}

/** Who the raw request claims to come from and go to: the reference client's identity. */
export interface RawRoute {
  readonly serviceId: string;
  readonly saleId: string;
  readonly poiId: string;
}

/**
 * The frame of a `send` step: the header a correct client would write (the protocol version the
 * reference client speaks, the class for the category, Request, the ServiceID and the client's
 * SaleID and POIID), then the step's own header fields over it, and the body under
 * `<category>Request`. Nothing is validated: a send step exists to put on the wire what a
 * correct client never would.
 */
export function rawRequest(
  step: Pick<StepOf<'send'>, 'category' | 'body' | 'header'>,
  route: RawRoute,
): Record<string, unknown> {
  const header: Record<string, unknown> = {
    ProtocolVersion: PROTOCOL_VERSION,
    MessageClass: isKnownCategory(step.category) ? messageClassOf(step.category) : 'Service',
    MessageCategory: step.category,
    MessageType: 'Request',
    ServiceID: route.serviceId,
    SaleID: route.saleId,
    POIID: route.poiId,
    ...step.header,
  };
  return {
    SaleToPOIRequest: { MessageHeader: header, [`${step.category}Request`]: step.body },
  };
}
