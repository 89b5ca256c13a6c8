import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { Endpoint } from '@shared/link/endpoint';
import { err, ok, type Result } from '@shared/result';
import type { Dialer, Link, LinkClosed, LinkId, PeerRefusal } from './link';
import { NexoKey, isSecured, type NexoKeySettings } from './nexo-crypto';

/** Close codes in the WebSocket vocabulary the rest of the harness already reads. */
const NORMAL_CLOSURE = 1000;
const ABNORMAL_CLOSURE = 1006;
/** The largest answer the client reads (the link protocol's frame limit, with headroom). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
/** How much of an HTTP error's body the timeline row quotes. */
const QUOTED_BODY_CHARS = 160;

/**
 * 408 is how this wire says "no answer": the terminal held a request it ignores (no session)
 * until its wait ran out (README "Terminal API wire"). It stays silent on the timeline, like
 * an ignored request on a socket; the session rules' timeout is what notices it.
 */
const SILENT_STATUSES: ReadonlySet<number> = new Set([408]);

/** Node's codes for a certificate the client would not trust (node:tls, OpenSSL verify errors). */
function isCertificateError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /CERT|SIGNATURE|ALTNAME|ISSUER/.test(code);
}

/** `the terminal's TLS certificate was refused (CODE): message`, or the message as it is. */
function describeConnectionError(error: Error): string {
  if (!isCertificateError(error)) return error.message;
  const code = String((error as { code?: unknown }).code);
  return `the terminal's TLS certificate was refused (${code}): ${error.message}`;
}

/** The request a frame carries, to name it on a refusal row; empty when the frame says nothing. */
function requestNames(text: string): Pick<PeerRefusal, 'serviceId' | 'category' | 'saleId'> {
  try {
    const parsed = JSON.parse(text) as {
      SaleToPOIRequest?: { MessageHeader?: Record<string, unknown> };
    };
    const header = parsed.SaleToPOIRequest?.MessageHeader ?? {};
    const pick = (field: string): string | undefined => {
      const value = header[field];
      return typeof value === 'string' ? value : undefined;
    };
    const serviceId = pick('ServiceID');
    const category = pick('MessageCategory');
    const saleId = pick('SaleID');
    return {
      ...(serviceId === undefined ? {} : { serviceId }),
      ...(category === undefined ? {} : { category }),
      ...(saleId === undefined ? {} : { saleId }),
    };
  } catch {
    return {};
  }
}

/** The body of an HTTP error on one line, cut to what a row can show. */
function quoteBody(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > QUOTED_BODY_CHARS ? `${line.slice(0, QUOTED_BODY_CHARS)}…` : line;
}

/**
 * The CN pattern of a terminal's certificate (Adyen's libraries check it instead of the host
 * name, since a terminal is reached by its IP address and its CN is `<Model>-<Serial>…`).
 */
const TERMINAL_CN =
  /^(([a-zA-Z0-9]+-[a-zA-Z0-9]+)|legacy-terminal-certificate)\.(live|test)\.terminal\.adyen\.com$/;

/** How the reference client reaches a Terminal API endpoint. */
export interface TerminalApiDialOptions {
  /** Prefix of the link ids (`pos-1`, `pos-2`, ...). */
  readonly idPrefix?: string;
  /** A PEM file with the CA that signed the terminal's certificate. */
  readonly caFile?: string;
  /** Skip certificate checks, like the SDK's unencrypted mode (test terminals only). */
  readonly insecure?: boolean;
  /** NexoCrypto: every request is encrypted with it and every answer must be. */
  readonly key?: NexoKeySettings;
  /** Real-time limit of one exchange's connection, in ms. */
  readonly connectTimeoutMs?: number;
}

let nextLink = 1;

/**
 * Accepts the server when Node's own check passes (the address is in the certificate), or when
 * its CN is a terminal's, as Adyen's libraries do; the chain is verified against the CA either way.
 */
function terminalIdentity(host: string, cert: PeerCertificate): Error | undefined {
  const standard = checkServerIdentity(host, cert);
  if (standard === undefined) return undefined;
  const cn = cert.subject.CN;
  return typeof cn === 'string' && TERMINAL_CN.test(cn) ? undefined : standard;
}

/**
 * The Terminal API as a {@link Link} for the reference client (README "Terminal API wire"): each
 * frame it sends is one POST of the envelope to `/nexo`, and the envelope in the HTTP answer is
 * its inbound frame, so the session manager sees the same stream as on a socket. An Abort's
 * empty answer and a 408 carry no frame (the session rules' timeouts take over); a refused or
 * reset connection ends the link abruptly, which the session manager treats as a lost link.
 */
class TerminalApiLink implements Link {
  readonly wire = 'terminal-api' as const;
  readonly encrypted: boolean;
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private readonly refusalListeners = new Set<(refusal: PeerRefusal) => void>();
  private closed: LinkClosed | undefined;

  constructor(
    readonly id: LinkId,
    private readonly endpoint: Endpoint,
    private readonly agent: HttpAgent | HttpsAgent,
    private readonly key: NexoKey | undefined,
    private readonly connectTimeoutMs: number,
  ) {
    this.encrypted = key !== undefined;
  }

  get isOpen(): boolean {
    return this.closed === undefined;
  }

  send(text: string): void {
    if (!this.isOpen) return;
    const body = this.seal(text);
    const request = this.endpoint.secure ? httpsRequest : httpRequest;
    const req = request(
      {
        host: this.endpoint.host,
        port: this.endpoint.port,
        path: `${this.endpoint.path}${this.endpoint.search}`,
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
        },
        timeout: this.connectTimeoutMs,
      },
      (res) => this.onAnswer(res, text),
    );
    // A refused, reset or timed-out connection: the link is gone, as a dropped socket would be.
    // A certificate the client will not trust is said on its own row first, by name.
    req.on('error', (error) => {
      if (isCertificateError(error)) {
        this.refuse({
          reason: 'tls-certificate',
          detail: describeConnectionError(error),
          ...requestNames(text),
        });
      }
      this.end(abrupt(describeConnectionError(error)));
    });
    req.on('timeout', () => req.destroy(new Error('the connection timed out')));
    req.end(body);
  }

  close(code = NORMAL_CLOSURE, reason = ''): void {
    this.end({ code, reason, abrupt: false });
  }

  terminate(): void {
    this.end(abrupt('terminated'));
  }

  onMessage(fn: (text: string) => void): () => void {
    this.messageListeners.add(fn);
    return () => this.messageListeners.delete(fn);
  }

  onPeerRefusal(fn: (refusal: PeerRefusal) => void): () => void {
    this.refusalListeners.add(fn);
    return () => this.refusalListeners.delete(fn);
  }

  onClose(fn: (closed: LinkClosed) => void): () => void {
    if (this.closed) {
      const closed = this.closed;
      queueMicrotask(() => fn(closed));
      return () => undefined;
    }
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  /** The POST body: the envelope itself, or its secured form under the shared key. */
  private seal(text: string): string {
    if (this.key === undefined) return text;
    let header: unknown;
    try {
      const parsed = JSON.parse(text) as { SaleToPOIRequest?: { MessageHeader?: unknown } };
      header = parsed.SaleToPOIRequest?.MessageHeader;
    } catch {
      // A frame that is not JSON travels as it is: the terminal answers it as malformed.
      return text;
    }
    return JSON.stringify({ SaleToPOIRequest: this.key.encrypt(text, header) });
  }

  private onAnswer(res: IncomingMessage, sent: string): void {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
    });
    res.on('error', (error) => this.end(abrupt(error.message)));
    res.on('end', () => {
      if (!this.isOpen) return;
      const status = res.statusCode ?? 0;
      const text = Buffer.concat(chunks).toString('utf8');
      // Only a nexo answer is a frame; a terminal's HTTP errors (401, 400, 5xx) carry none, and
      // are said on the timeline instead of passing unseen until a timeout.
      if (status !== 200) {
        if (!SILENT_STATUSES.has(status)) this.refuseStatus(res, text, sent);
        return;
      }
      if (size === 0 || size > MAX_ANSWER_BYTES) return;
      this.deliver(this.open(text, sent));
    });
  }

  /**
   * The clear envelope of an answer; an encrypted one that does not open is passed on as is
   * (the timeline shows it as the terminal sent it) and named on a refusal row.
   */
  private open(text: string, sent: string): string {
    if (this.key === undefined) return text;
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const [root, body] = Object.entries(parsed)[0] ?? [];
      if (root === undefined || !isSecured(body)) return text;
      const opened = this.key.decrypt(body);
      if (opened.ok) return opened.value;
      this.refuse({
        reason: 'answer-not-decrypted',
        detail: `the terminal's answer did not open with key ${this.key.keyIdentifier} v${String(this.key.keyVersion)}: ${opened.error}`,
        ...requestNames(sent),
      });
      return text;
    } catch {
      return text;
    }
  }

  private refuseStatus(res: IncomingMessage, body: string, sent: string): void {
    const status = res.statusCode ?? 0;
    const phrase =
      res.statusMessage === undefined || res.statusMessage === '' ? '' : ` ${res.statusMessage}`;
    const quoted = quoteBody(body);
    this.refuse({
      reason: `http-${String(status)}`,
      detail: `terminal answered HTTP ${String(status)}${phrase}${quoted === '' ? '' : `: ${quoted}`}`,
      ...requestNames(sent),
    });
  }

  private refuse(refusal: PeerRefusal): void {
    for (const fn of [...this.refusalListeners]) fn(refusal);
  }

  private deliver(text: string): void {
    for (const fn of [...this.messageListeners]) fn(text);
  }

  private end(closed: LinkClosed): void {
    if (this.closed) return;
    this.closed = closed;
    this.agent.destroy();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    this.refusalListeners.clear();
    for (const fn of listeners) fn(closed);
  }
}

function abrupt(reason: string): LinkClosed {
  return { code: ABNORMAL_CLOSURE, reason, abrupt: true };
}

/** The TLS settings of the agent: the CA file, or no checks at all (`insecure`). */
function tlsOptions(options: TerminalApiDialOptions): Result<object, string> {
  if (options.insecure === true) return ok({ rejectUnauthorized: false });
  if (options.caFile === undefined) return ok({ checkServerIdentity: terminalIdentity });
  try {
    return ok({ ca: readFileSync(options.caFile), checkServerIdentity: terminalIdentity });
  } catch (error) {
    return err(`cannot read the CA file ${options.caFile}: ${(error as Error).message}`);
  }
}

/**
 * Dials a Terminal API endpoint (`https://HOST:PORT/nexo`, or `http://…/nexo` without TLS).
 * HTTP has no lasting connection, so dialing opens one (TLS handshake included) to prove the
 * terminal is there and trusted, and keeps it for the first exchange; a refusal or an untrusted
 * certificate is the dial's error value.
 */
export function terminalApiDialer(
  endpoint: Endpoint,
  options: TerminalApiDialOptions = {},
): Dialer {
  const prefix = options.idPrefix ?? 'pos';
  const key = options.key === undefined ? undefined : new NexoKey(options.key);
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return () => {
    const tls = tlsOptions(options);
    if (!tls.ok) return Promise.resolve(tls);
    const agent = endpoint.secure
      ? new HttpsAgent({ keepAlive: true, ...tls.value })
      : new HttpAgent({ keepAlive: true });
    return new Promise((resolve) => {
      const request = endpoint.secure ? httpsRequest : httpRequest;
      // An OPTIONS probe: any HTTP answer proves the terminal is there (and, over TLS, trusted).
      const probe = request(
        {
          host: endpoint.host,
          port: endpoint.port,
          path: `${endpoint.path}${endpoint.search}`,
          method: 'OPTIONS',
          agent,
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const id = `${prefix}-${String(nextLink++)}` as LinkId;
            resolve(ok(new TerminalApiLink(id, endpoint, agent, key, timeoutMs)));
          });
        },
      );
      probe.on('timeout', () => probe.destroy(new Error('the connection timed out')));
      probe.on('error', (error) => {
        agent.destroy();
        resolve(err(`${endpoint.url}: ${describeConnectionError(error)}`));
      });
      probe.end();
    });
  };
}
