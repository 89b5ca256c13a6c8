export {
  createSessionManager,
  type SessionManager,
  type SessionManagerOptions,
} from './session-manager';
export { FileJournal, MemoryJournal, type PaymentJournal } from './journal';
export type { PayRequest, ReverseRequest } from './requests';
export { fileServiceIds, memoryServiceIds, type ServiceIdSource } from '../client/service-ids';
