import type { Result } from '../result';

/**
 * The HarnessApi contract: what the renderer may ask the harness core (calls, `domain:verb`) and
 * what the core pushes to the renderer (pushes, `domain:event`). Everything else in `shared/ipc`
 * (schemas, channel lists, the `window.api` shape, the core's handler table) is derived from the
 * two tables below, so adding a channel is adding one entry here and one schema entry, and a
 * channel without a schema or a handler is a compile error.
 */

/** How the renderer reaches the core: Electron IPC or the browser-mode WebSocket bridge. */
export type HarnessMode = 'electron' | 'browser';

/** What the core says about itself (answer of `app:info`). */
export interface AppInfo {
  readonly productName: string;
  readonly version: string;
  /** When this core started, ISO 8601 UTC. */
  readonly startedAt: string;
  readonly mode: HarnessMode;
}

/**
 * Greets each new subscriber of the event stream: from this batch on it receives every event.
 * The renderer uses it to know that the push channel is live (again, after a reconnect).
 */
export interface HelloEvent {
  readonly type: 'hello';
  /** When the subscription started, ISO 8601 UTC. */
  readonly at: string;
}

/** Everything the core pushes on the event stream; later issues add members (discriminated on `type`). */
export type HarnessEvent = HelloEvent;

/** Why a call failed. Expected failures are values; only bugs throw. */
export type ApiErrorKind =
  /** The payload or the channel does not match the contract. */
  | 'invalid-request'
  /** The transport to the core is down (browser mode between reconnects). */
  | 'disconnected'
  /** The caller is not allowed to use the API (e.g. an IPC message from a foreign frame). */
  | 'forbidden'
  /** The core failed unexpectedly while answering (a bug; the message says where). */
  | 'internal';

/** A failed call as the renderer sees it. */
export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly message: string;
}

/** What every call resolves to. */
export type ApiResult<T> = Result<T, ApiError>;

/**
 * Every call: its request payload (`undefined` = the method takes no argument) and its answer.
 */
export interface CallContract {
  'app:info': { readonly request: undefined; readonly response: AppInfo };
}

/** Every push: its payload. The event stream carries batches (flushed at most ~30 times a second). */
export interface PushContract {
  'events:batch': readonly HarnessEvent[];
}

/** A call channel name, `domain:verb`. */
export type CallChannel = keyof CallContract;
/** A push channel name, `domain:event`. */
export type PushChannel = keyof PushContract;
/** The request payload of a call. */
export type CallRequest<C extends CallChannel> = CallContract[C]['request'];
/** The successful answer of a call. */
export type CallResponse<C extends CallChannel> = CallContract[C]['response'];
/** The payload of a push. */
export type PushPayload<P extends PushChannel> = PushContract[P];

/** Stops a subscription. */
export type Unsubscribe = () => void;

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type NameOf<C extends string> = C extends `${string}:${infer N}` ? N : never;

/** A domain of the API: the part of a channel name before the colon. */
export type ApiDomain = DomainOf<CallChannel | PushChannel>;

/** The renderer-side method of a call: returns a promise of a result value. */
export type CallMethod<C extends CallChannel> = [CallRequest<C>] extends [undefined]
  ? () => Promise<ApiResult<CallResponse<C>>>
  : (request: CallRequest<C>) => Promise<ApiResult<CallResponse<C>>>;

/** The renderer-side subscription of a push: returns the unsubscribe function. */
export type PushMethod<P extends PushChannel> = (
  listener: (payload: PushPayload<P>) => void,
) => Unsubscribe;

/** `on` + the push's event name with a capital: `events:batch` → `onBatch`. */
export type PushMethodName<P extends PushChannel> = `on${Capitalize<NameOf<P>>}`;

type DomainApi<D extends ApiDomain> = {
  readonly [C in CallChannel as DomainOf<C> extends D ? NameOf<C> : never]: CallMethod<C>;
} & {
  readonly [P in PushChannel as DomainOf<P> extends D ? PushMethodName<P> : never]: PushMethod<P>;
};

/**
 * The API the renderer sees (`window.api` in Electron, the WebSocket bridge in browser mode):
 * `api.<domain>.<verb>()` returns a promise of an {@link ApiResult}; `api.<domain>.on<Event>(fn)`
 * returns an {@link Unsubscribe}. E.g. `api.app.info()`, `api.events.onBatch(fn)`.
 */
export type HarnessApi = { readonly [D in ApiDomain]: DomainApi<D> };

/**
 * The core side of the contract: one handler per call channel, given a request already validated
 * against its schema. A channel without a handler makes the core's table fail to typecheck.
 */
export type CallHandlers = {
  readonly [C in CallChannel]: (request: CallRequest<C>) => Promise<ApiResult<CallResponse<C>>>;
};
