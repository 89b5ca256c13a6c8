export {
  createSimulator,
  LOOPBACK,
  type ListenOptions,
  type Listening,
  type Simulator,
  type SimulatorOptions,
} from './simulator';
export { HARD_FRAME_LIMIT_BYTES, NEXO_PATH } from './http-front';
export { CLOSE_GOING_AWAY, CLOSE_SERVICE_RESTART } from './lifecycle';
export { TRANSACTION_STATE_EVENT } from './terminal';
export { addressOf, freePortFor } from './wire-addresses';
