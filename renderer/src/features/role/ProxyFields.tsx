import { PROXY_LISTEN_WIRES, type ProxyRunInfo } from '@shared/ipc';
import { WIRE_LABELS } from '@shared/link/endpoint';
import { isProxyListenWire, type ProxyDraft } from './proxy-draft';

export interface ProxyFieldsProps {
  readonly draft: ProxyDraft;
  readonly onChange: (draft: ProxyDraft) => void;
}

/** What the POS and the terminal each expect on the wire (README "Wires"). */
const LISTEN_HINTS = {
  ws: 'the POS connects to ws://…/nexo; 0 picks any free port',
  tcp: '4-byte big-endian length, then the JSON envelope; Market Pay uses 7778 or 7777; 0 picks any free port',
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
            aria-description="the real payment terminal: tcp://HOST:PORT or ws://HOST:PORT/nexo"
            onChange={(e) => onChange({ ...draft, upstream: e.target.value })}
          />
        </label>
      </fieldset>
    </>
  );
}

export interface ProxyAddressProps {
  readonly proxy: ProxyRunInfo;
  readonly copyText?: (text: string) => Promise<void>;
}

/** Where the POS connects through the proxy, with a Copy button, and the terminal behind it. */
export function ProxyAddress({ proxy, copyText }: ProxyAddressProps) {
  const { listenUrl, upstream } = proxy;
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
      <p className="role-address" data-proxy-upstream={upstream}>
        Terminal behind the proxy: <code>{upstream}</code>
      </p>
    </>
  );
}
