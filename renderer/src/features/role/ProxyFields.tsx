import { PROXY_LISTEN_WIRES, type ProxyRunInfo, type TerminalApiInfo } from '@shared/ipc';
import { WIRE_LABELS } from '@shared/link/endpoint';
import { isProxyListenWire, type ProxyDraft } from './proxy-draft';
import { TerminalApiPeerFields } from './TerminalApiPeerFields';

export interface ProxyFieldsProps {
  readonly draft: ProxyDraft;
  readonly onChange: (draft: ProxyDraft) => void;
}

/** What the POS and the terminal each expect on the wire (README "Wires"). */
const LISTEN_HINTS = {
  ws: 'the POS connects to ws://…/nexo; 0 picks any free port',
  tcp: '4-byte big-endian length, then the JSON envelope; Market Pay uses 7778 or 7777; 0 picks any free port',
  'local-api':
    "Market Pay's flat JSON per resource, to a terminal on the same wire; Market Pay uses 8080; 0 picks any free port",
  'terminal-api':
    'HTTPS POST /nexo with the harness CA, to a terminal on the same wire; terminals use 8443; 0 picks any free port',
} as const;

/** What the terminal endpoint may be for each listening wire (README "The proxy role"). */
const UPSTREAM_HINTS = {
  ws: 'the real payment terminal: tcp://HOST:PORT or ws://HOST:PORT/nexo',
  tcp: 'the real payment terminal: tcp://HOST:PORT or ws://HOST:PORT/nexo',
  'local-api': 'the real payment terminal on the same wire: http://HOST:PORT',
  'terminal-api': 'the real payment terminal on the same wire: https://HOST:PORT/nexo',
} as const;

/**
 * The proxy role's fields (README "The proxy role"): the wire and port the POS connects to, and
 * the real terminal's endpoint.
 */
export function ProxyFields({ draft, onChange }: ProxyFieldsProps) {
  return (
    <>
      <fieldset>
        <legend>Listen for the POS on</legend>
        <label className="role-field">
          Listening wire
          <select
            value={draft.wire}
            onChange={(e) => {
              if (isProxyListenWire(e.target.value)) onChange({ ...draft, wire: e.target.value });
            }}
          >
            {PROXY_LISTEN_WIRES.map((wire) => (
              <option key={wire} value={wire}>
                {WIRE_LABELS[wire]}
              </option>
            ))}
          </select>
        </label>
        <label className="role-field">
          Listening port
          <input
            type="number"
            min={0}
            max={65535}
            value={draft.port}
            aria-description={LISTEN_HINTS[draft.wire]}
            onChange={(e) => onChange({ ...draft, port: e.target.value })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Terminal</legend>
        <label className="role-field">
          Terminal endpoint
          <input
            type="url"
            value={draft.upstream}
            aria-description={UPSTREAM_HINTS[draft.wire]}
            onChange={(e) => onChange({ ...draft, upstream: e.target.value })}
          />
        </label>
        {draft.wire === 'terminal-api' && (
          // Trust of the terminal, and the key the proxy opens and seals both legs with.
          <TerminalApiPeerFields
            draft={draft.terminalApi}
            onChange={(terminalApi) => onChange({ ...draft, terminalApi })}
          />
        )}
      </fieldset>
    </>
  );
}

export interface ProxyAddressProps {
  readonly proxy: ProxyRunInfo;
  /** Terminal API pair: the key of both legs and the trust of the terminal. */
  readonly terminalApi?: TerminalApiInfo;
  readonly copyText?: (text: string) => Promise<void>;
}

/** "NexoCrypto key K v1 on both legs" in words (never the passphrase). */
function describeProxyKey(info: TerminalApiInfo): string {
  const key =
    info.keyIdentifier === undefined
      ? 'no NexoCrypto key (clear text only)'
      : `NexoCrypto key ${info.keyIdentifier} v${String(info.keyVersion ?? 0)} on both legs`;
  return info.insecure === true ? `${key}; the terminal's certificate is not checked` : key;
}

/** Where the POS connects through the proxy, with a Copy button, and the terminal behind it. */
export function ProxyAddress({ proxy, terminalApi, copyText }: ProxyAddressProps) {
  const { listenUrl, upstream, caFile } = proxy;
  return (
    <>
      {listenUrl !== null && (
        <p className="role-address" data-proxy-listen-url={listenUrl}>
          Give the POS this address: <code>{listenUrl}</code>{' '}
          {copyText !== undefined && (
            <button type="button" onClick={() => void copyText(listenUrl)}>
              Copy address
            </button>
          )}
        </p>
      )}
      {caFile !== undefined && (
        <p className="role-address" data-ca-file={caFile}>
          CA file for the POS: <code>{caFile}</code>{' '}
          {copyText !== undefined && (
            <button
              type="button"
              aria-label="Copy CA file path"
              onClick={() => void copyText(caFile)}
            >
              Copy path
            </button>
          )}
        </p>
      )}
      <p className="role-address" data-proxy-upstream={upstream}>
        Terminal behind the proxy: <code>{upstream}</code>
      </p>
      {proxy.listen.wire === 'terminal-api' && (
        <p className="muted" data-terminal-api-key={terminalApi?.keyIdentifier ?? ''}>
          Terminal API: {describeProxyKey(terminalApi ?? {})}
        </p>
      )}
    </>
  );
}
