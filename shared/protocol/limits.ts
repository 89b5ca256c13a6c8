/**
 * The budgets every edge of the harness shares (DESIGN §5 "every edge has a budget"; README "The
 * payment-application simulator" documents them). One constant per budget, so the client, the
 * simulator and the browser-mode host cannot drift apart.
 */

/**
 * Largest frame, in UTF-8 bytes, that the client, the simulator and the browser-mode host
 * accept, on every wire. The simulator answers a larger nexo frame the way a terminal would
 * (README "What it does" under the simulator); the client's transports and the host's WebSocket refuse it.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** How much of a rejected frame, in UTF-8 bytes before base64, a Reject notification carries back. */
export const REJECT_SNIPPET_BYTES = 4096;
