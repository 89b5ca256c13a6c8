/** One thing the browser-mode host reports about a client (never the token). */
export type WebHostLogEntry =
  | {
      readonly event: 'refused';
      readonly status: 401 | 403 | 404;
      readonly reason: string;
      readonly remote: string;
      readonly origin: string | null;
    }
  | {
      readonly event: 'frame-rejected';
      readonly reason: string;
      readonly remote: string;
      /** Whether the socket was closed (oversized frames) or only answered with an error. */
      readonly closed: boolean;
    }
  | { readonly event: 'cut'; readonly reason: string; readonly remote: string }
  | { readonly event: 'bug'; readonly reason: string };

/** Where the host writes its log entries. */
export type WebHostLog = (entry: WebHostLogEntry) => void;

/** One human line for stderr. */
export function formatLogLine(entry: WebHostLogEntry): string {
  switch (entry.event) {
    case 'refused':
      return `a2a web: refused a connection from ${entry.remote}${entry.origin === null ? '' : ` (Origin ${entry.origin})`}: ${entry.status} ${entry.reason}`;
    case 'frame-rejected':
      return `a2a web: rejected a frame from ${entry.remote}${entry.closed ? ' and closed its socket' : ''}: ${entry.reason}`;
    case 'cut':
      return `a2a web: cut the connection of ${entry.remote}: ${entry.reason}`;
    case 'bug':
      return `a2a web: internal error: ${entry.reason}`;
  }
}

/** One JSON line for stderr (`--json`). */
export function formatLogJson(entry: WebHostLogEntry): string {
  return JSON.stringify(entry);
}
