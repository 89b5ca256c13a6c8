export {
  createClient,
  RequestTimeoutError,
  type Client,
  type ClientOptions,
  type InboundResponse,
  type OutboundMessage,
} from './client';
export { classifyInbound, responseInfoOf, type Inbound } from './inbound';
export {
  fileServiceIds,
  memoryServiceIds,
  writeFileAtomic,
  type ServiceIdSource,
} from './service-ids';
