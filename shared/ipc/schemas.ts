import { z } from 'zod';
import type {
  ApiError,
  ApiResult,
  AppInfo,
  CallChannel,
  CallRequest,
  CallResponse,
  HarnessEvent,
  PushChannel,
  PushPayload,
} from './contract';

/** ISO 8601 instant as the core writes it (`Date.prototype.toISOString`). */
const isoInstant = z.iso.datetime({ offset: true });

/** Schema of {@link AppInfo}. */
export const appInfoSchema = z.object({
  productName: z.string().min(1),
  version: z.string().min(1),
  startedAt: isoInstant,
  mode: z.enum(['electron', 'browser']),
}) satisfies z.ZodType<AppInfo>;

/** Schema of {@link HarnessEvent}: a discriminated union on `type`. */
export const harnessEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: isoInstant }),
]) satisfies z.ZodType<HarnessEvent>;

/** Schema of {@link ApiError}. */
export const apiErrorSchema = z.object({
  kind: z.enum(['invalid-request', 'disconnected', 'forbidden', 'internal']),
  message: z.string(),
}) satisfies z.ZodType<ApiError>;

/** Schema of an {@link ApiResult} whose success value matches `value`. */
export function apiResultSchema<T>(value: z.ZodType<T>): z.ZodType<ApiResult<T>> {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** The schemas of one call: its request payload and its successful answer. */
export interface CallSchema<C extends CallChannel> {
  readonly request: z.ZodType<CallRequest<C>>;
  readonly response: z.ZodType<CallResponse<C>>;
}

/** One schema per call; `satisfies` makes a missing channel or a drifting schema a compile error. */
const callSchemaTable = {
  'app:info': { request: z.undefined(), response: appInfoSchema },
} as const satisfies { readonly [C in CallChannel]: CallSchema<C> };

/** One schema per push payload. */
const pushSchemaTable = {
  'events:batch': z.array(harnessEventSchema).readonly(),
} as const satisfies { readonly [P in PushChannel]: z.ZodType<PushPayload<P>> };

// `satisfies` above only proves "schema output fits the contract"; this proves the converse too,
// so a field added to the contract but not to its schema (or the other way round) fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Both<A extends boolean, B extends boolean> = A extends true ? B : false;
type Assert<T extends true> = T;
type _CallSchemasMatchContract = Assert<
  {
    [C in CallChannel]: Both<
      Same<z.output<(typeof callSchemaTable)[C]['request']>, CallRequest<C>>,
      Same<z.output<(typeof callSchemaTable)[C]['response']>, CallResponse<C>>
    >;
  }[CallChannel]
>;
type _PushSchemasMatchContract = Assert<
  { [P in PushChannel]: Same<z.output<(typeof pushSchemaTable)[P]>, PushPayload<P>> }[PushChannel]
>;

/** The schemas of every call, indexed by channel (typed so a generic channel keeps its types). */
export const callSchemas: { readonly [C in CallChannel]: CallSchema<C> } = callSchemaTable;

/** The schemas of every push payload, indexed by channel. */
export const pushSchemas: { readonly [P in PushChannel]: z.ZodType<PushPayload<P>> } =
  pushSchemaTable;

/** One line naming where an untrusted value broke a schema and why (`path: reason; ...`). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
