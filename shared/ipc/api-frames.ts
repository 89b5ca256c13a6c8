import { z } from 'zod';
import { MAX_FRAME_BYTES } from '../protocol/limits';
import { parseJsonText } from '../protocol/json-depth';
import { MAX_CARRIER_JSON_DEPTH } from '../protocol/limits';
import { err, ok, type Result } from '../result';
import { placeholderEvent, trySerialise, whyNotSerialisable } from '../trace/safe-event';
import type { ApiError, ApiResult, CallChannel, PushChannel } from './contract';
import { apiErrorSchema, describeIssues } from './schemas';

/**
 * The browser-mode wire protocol: the HarnessApi over one WebSocket, one JSON object per text
 * frame. The renderer sends `call` frames; the host answers each with a `reply` carrying the
 * same id (or `id: null` when the frame was too broken to read one) and sends `push` frames
 * whenever the core publishes.
 */

/** Renderer → host: one call. */
export interface CallFrame {
  readonly type: 'call';
  readonly id: number;
  readonly channel: string;
  readonly payload?: unknown;
}

/** Host → renderer: the answer to one call. */
export interface ReplyFrame {
  readonly type: 'reply';
  readonly id: number | null;
  readonly result: ApiResult<unknown>;
}

/** Host → renderer: one push. */
export interface PushFrame {
  readonly type: 'push';
  readonly channel: string;
  readonly payload: unknown;
}

/** Any frame the host sends. */
export type ServerFrame = ReplyFrame | PushFrame;

const frameId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Schema of a {@link CallFrame}; unknown keys are refused (the envelope is ours, not lenient). */
export const callFrameSchema = z.strictObject({
  type: z.literal('call'),
  id: frameId,
  channel: z.string().min(1).max(100),
  payload: z.unknown().optional(),
}) satisfies z.ZodType<CallFrame>;

/** Schema of a {@link ServerFrame}. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reply'),
    id: frameId.nullable(),
    result: z.union([
      z.strictObject({ ok: z.literal(true), value: z.unknown() }),
      z.strictObject({ ok: z.literal(false), error: apiErrorSchema }),
    ]),
  }),
  z.strictObject({ type: z.literal('push'), channel: z.string().min(1), payload: z.unknown() }),
]) satisfies z.ZodType<ServerFrame>;

/** A frame the host could not accept: the reply to send (its id when one could be read). */
export interface FrameRejection {
  readonly id: number | null;
  readonly error: ApiError;
}

/**
 * Length of `text` in UTF-8 bytes, computed without TextEncoder (shared code has no DOM or Node
 * APIs). Lone surrogates count as the 3-byte replacement character, as an encoder would write them.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function invalid(id: number | null, message: string): FrameRejection {
  return { id, error: { kind: 'invalid-request', message } };
}

/** Reads the id of a frame that failed validation, so its caller still gets a reply it can match. */
function salvageId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const parsed = frameId.safeParse(value.id);
  return parsed.success ? parsed.data : null;
}

function parseJson(text: string): Result<unknown, string> {
  const parsed = parseJsonText(text, MAX_CARRIER_JSON_DEPTH);
  return parsed.ok ? ok(parsed.value) : err(parsed.error.message);
}

/** Validates one frame from the renderer: size, JSON, envelope. The channel is checked by the dispatcher. */
export function parseCallFrame(text: string): Result<CallFrame, FrameRejection> {
  const size = utf8ByteLength(text);
  if (size > MAX_FRAME_BYTES)
    return err(invalid(null, `frame of ${size} bytes is over the ${MAX_FRAME_BYTES}-byte limit`));
  const json = parseJson(text);
  if (!json.ok) return err(invalid(null, `frame is not JSON: ${json.error}`));
  const frame = callFrameSchema.safeParse(json.value);
  if (!frame.success)
    return err(
      invalid(salvageId(json.value), `frame is not a call: ${describeIssues(frame.error)}`),
    );
  return ok(frame.data);
}

/** Validates one frame from the host (the renderer trusts nothing it did not check). */
export function parseServerFrame(text: string): Result<ServerFrame, string> {
  const json = parseJson(text);
  if (!json.ok) return err(`frame is not JSON: ${json.error}`);
  const frame = serverFrameSchema.safeParse(json.value);
  if (!frame.success) return err(`frame is not a reply or a push: ${describeIssues(frame.error)}`);
  return ok(frame.data);
}

/** Encodes a call frame. */
export function encodeCall(id: number, channel: CallChannel, payload: unknown): string {
  const frame: CallFrame =
    payload === undefined ? { type: 'call', id, channel } : { type: 'call', id, channel, payload };
  return JSON.stringify(frame);
}

/** Encodes a reply frame. */
export function encodeReply(id: number | null, result: ApiResult<unknown>): string {
  const frame: ReplyFrame = { type: 'reply', id, result };
  return JSON.stringify(frame);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A push payload that can always be sent: items that serialise stay as they are; an item whose
 * `event` cannot be serialised carries that event's placeholder instead (README "Reliability and
 * limits"), so a live view never loses a row or its connection to one bad event.
 */
export function serialisablePayload(payload: unknown): unknown {
  if (!Array.isArray(payload)) return payload;
  return payload.map((item: unknown) => {
    if (trySerialise(item) !== undefined || !isObject(item) || !isObject(item.event)) return item;
    return { ...item, event: placeholderEvent(item.event, whyNotSerialisable(item.event)) };
  });
}

/** Encodes a push frame; never throws on a payload of events (see {@link serialisablePayload}). */
export function encodePush(channel: PushChannel, payload: unknown): string {
  const frame: PushFrame = { type: 'push', channel, payload };
  const text = trySerialise(frame);
  if (text !== undefined) return text;
  const safe: PushFrame = { type: 'push', channel, payload: serialisablePayload(payload) };
  return trySerialise(safe) ?? JSON.stringify({ type: 'push', channel, payload: [] });
}
