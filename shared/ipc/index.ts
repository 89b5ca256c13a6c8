// The zod-free face of the contract: types, channel lists, the api builder and the CSP. The
// sandboxed preload imports only this. Validation lives in './schemas' and the browser-mode
// frames in './api-frames'; import those by path where untrusted data enters.
export * from './contract';
export * from './terminal-api';
export * from './channels';
export * from './build-api';
export * from './csp';
export * from './faults';
export * from './proxy';
