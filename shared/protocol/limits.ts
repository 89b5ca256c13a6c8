/**
 * The budgets every edge of the harness enforces (README "Reliability and limits" lists each
 * one and what happens past it). One place, so the client, the simulator, the web host and
 * the CLI agree.
 */

/**
 * Largest frame, in UTF-8 bytes, that the client, the simulator and the browser-mode host
 * accept, on every wire. The simulator answers a larger nexo frame the way a terminal would
 * (README "What it does" under the simulator); the client's transports and the host's WebSocket refuse it.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** How much of a rejected frame, in UTF-8 bytes before base64, a Reject notification carries back. */
export const REJECT_SNIPPET_BYTES = 4096;

/**
 * The deepest nesting (objects and arrays) accepted in any JSON text from outside: link
 * frames, renderer messages, files opened, `a2a decode` input. Real nexo messages nest about
 * ten levels; 64 leaves ample room for vendor extensions while keeping every later
 * `JSON.stringify`, structured clone and render far from the engine's stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting allowed for text that carries messages inside its own records (a trace line, an
 * API frame or push batch, a scenario file, the journal): a message at the full
 * {@link MAX_JSON_DEPTH} plus room for the records around it.
 */
export const MAX_CARRIER_JSON_DEPTH = MAX_JSON_DEPTH + 8;

/** nexo's limit for a MessageHeader ServiceID (1–10 characters). */
export const MAX_SERVICE_ID_CHARS = 10;

/**
 * The limit for other identifiers the simulator stores (SaleID, POIID, a ServiceID in a
 * profile that accepts longer ones): nexo leaves their length to the implementation; real
 * terminals use well under 64 characters, and the simulator's own POIID setting has the same
 * cap.
 */
export const MAX_IDENTIFIER_CHARS = 64;

/**
 * Bytes that may wait to be sent to one peer (per link). A peer that stops reading while the
 * other side keeps producing is cut once its queue passes this, instead of letting the
 * process buffer without bound.
 */
export const MAX_SEND_QUEUE_BYTES = 8 * 1024 * 1024;

/**
 * ServiceIDs the simulator's duplicate guard remembers; past it the oldest are forgotten first
 * (a repeat older than that many requests is then no longer detected).
 */
export const MAX_DUPLICATE_GUARD_ENTRIES = 100_000;

/**
 * Transactions the simulator's history keeps for TransactionStatus and Reversal lookups; past
 * it the oldest are forgotten first (a lookup of one then answers NotFound).
 */
export const MAX_HISTORY_ENTRIES = 10_000;
