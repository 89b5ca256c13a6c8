/**
 * The nexo Sale-to-POI protocol core: model (types + zod schemas), codec (lenient decode,
 * strict encode), money, ServiceIDs, masking and typed message constructors. Pure and
 * environment-neutral: no Node, no DOM.
 */
export * from './enums';
export * from './envelope';
export { decode, decodeValue, encode, encodeOrThrow, EncodeFailure } from './codec';
export type { Decoded, DecodeError, EncodeError } from './codec';
export { nexoSchemas, lenientSchemas, strictSchemas, type NexoSchemas } from './schemas';
export type { Mode } from './schema-kit';
export { bodyKeyFor } from './body-keys';
export { formatJsonPath } from './json-path';
export * from './money';
export * from './service-id';
export { maskCardData, maskEnvelope, maskPan, maskPansInText } from './masking';
export { base64DecodeText, base64EncodeText, base64EncodeTextPrefix } from './base64';
export { formDetails } from './form-details';
export {
  checkJsonValue,
  jsonTextDepth,
  parseJsonText,
  valueDepth,
  type JsonTextError,
} from './json-depth';
export * from './build';
export * from './limits';
