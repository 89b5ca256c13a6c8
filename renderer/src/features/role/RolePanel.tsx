import { useId, useState } from 'react';
import type { ConfigureRequest, RunInfo, SimulatorInfo, WireAddress } from '@shared/ipc';
import { SIMULATOR_WIRES, WIRE_LABELS, parseEndpoint, type Wire } from '@shared/link/endpoint';
import { ok, type Result } from '@shared/result';
import { PROFILES, ProfileName } from '@shared/simulator/profiles';
import { describeRun } from './describe-run';
import {
  draftsOf,
  listenSettingsOf,
  peerSettingsOf,
  type TerminalApiDrafts,
} from './terminal-api-draft';
import { TerminalApiInForce } from './TerminalApiInForce';
import { TerminalApiListenFields } from './TerminalApiListenFields';
import { TerminalApiPeerFields } from './TerminalApiPeerFields';
import { ProxyAddress, ProxyFields } from './ProxyFields';
import { proxyDraftOf, proxyRequestOf, type ProxyDraft } from './proxy-draft';
import './role.css';

export interface RolePanelProps {
  /** The current run; null until the core said it. */
  readonly run: RunInfo | null;
  readonly onConfigure: (request: ConfigureRequest) => Promise<Result<SimulatorInfo, string>>;
  readonly copyText?: (text: string) => Promise<void>;
}

type RoleChoice = 'client' | 'terminal' | 'proxy';
type PeerChoice = 'embedded' | 'external';

/** The wires terminal role can listen on beside the WebSocket one, and their request field. */
const EXTRA_FRONTS = {
  tcp: 'tcpPort',
  'local-api': 'httpPort',
  'terminal-api': 'httpsPort',
} as const satisfies Partial<Record<Wire, keyof Extract<ConfigureRequest, { role: 'terminal' }>>>;
type ExtraWire = keyof typeof EXTRA_FRONTS;

function isExtraWire(wire: Wire): wire is ExtraWire {
  return wire in EXTRA_FRONTS;
}

/** The form's fields, as text where the user types. */
interface Draft {
  readonly role: RoleChoice;
  readonly peer: PeerChoice;
  readonly url: string;
  readonly port: string;
  /** The port of each further wire to listen on; absent: not that wire. */
  readonly extra: Partial<Record<ExtraWire, string>>;
  readonly profile: ProfileName;
  readonly proxy: ProxyDraft;
}

function portOf(url: string): string {
  return /:(\d+)(?:\/|$)/.exec(url)?.[1] ?? '0';
}

function draftOf(run: RunInfo | null): Draft {
  const external = run?.peer?.kind === 'external' ? run.peer.url : '';
  const terminal = run?.role === 'terminal';
  const port = terminal && run.nexoUrl !== null ? portOf(run.nexoUrl) : '0';
  const extra: Partial<Record<ExtraWire, string>> = {};
  for (const { wire, url } of terminal ? (run.addresses ?? []) : []) {
    if (isExtraWire(wire)) extra[wire] = portOf(url);
  }
  return {
    role: run?.role ?? 'client',
    peer: external === '' ? 'embedded' : 'external',
    url: external === '' ? 'ws://127.0.0.1:4100/nexo' : external,
    port,
    extra,
    profile: run?.profile ?? 'app2app',
    proxy: proxyDraftOf(run),
  };
}

function parsePort(text: string, what: string): Result<number, string> {
  const port = Number(text);
  return text.trim() !== '' && Number.isInteger(port) && port >= 0 && port <= 65535
    ? { ok: true, value: port }
    : { ok: false, error: `${what} must be a whole number from 0 to 65535 (0 = any free port).` };
}

/** The configure request of a draft, or what is wrong with it. */
function requestOf(d: Draft, tapi: TerminalApiDrafts): Result<ConfigureRequest, string> {
  if (d.role === 'proxy') return proxyRequestOf(d.proxy);
  if (d.role === 'terminal') {
    const port = parsePort(d.port, 'The port');
    if (!port.ok) return port;
    const fronts: { -readonly [K in (typeof EXTRA_FRONTS)[ExtraWire]]?: number } = {};
    for (const wire of Object.keys(EXTRA_FRONTS) as ExtraWire[]) {
      const text = d.extra[wire];
      if (text === undefined) continue;
      const extra = parsePort(text, `The ${WIRE_LABELS[wire]} port`);
      if (!extra.ok) return extra;
      fronts[EXTRA_FRONTS[wire]] = extra.value;
    }
    const listen = fronts.httpsPort === undefined ? ok({}) : listenSettingsOf(tapi.listen);
    if (!listen.ok) return listen;
    const terminalApi = Object.keys(listen.value).length === 0 ? {} : { terminalApi: listen.value };
    return {
      ok: true,
      value: { role: 'terminal', port: port.value, ...fronts, ...terminalApi, profile: d.profile },
    };
  }
  if (d.peer === 'embedded')
    return { ok: true, value: { role: 'client', peer: 'embedded', profile: d.profile } };
  const endpoint = parseEndpoint(d.url);
  if (!endpoint.ok) return { ok: false, error: `The peer URL ${endpoint.error}` };
  if (endpoint.value.wire !== 'terminal-api')
    return { ok: true, value: { role: 'client', peer: { url: endpoint.value.url } } };
  const settings = peerSettingsOf(tapi.peer);
  if (!settings.ok) return settings;
  const terminalApi =
    Object.keys(settings.value).length === 0 ? {} : { terminalApi: settings.value };
  return { ok: true, value: { role: 'client', peer: { url: endpoint.value.url, ...terminalApi } } };
}

/** What a POS on each further wire expects (README "Wires"). */
const WIRE_HINTS: Readonly<Record<ExtraWire, string>> = {
  tcp: '4-byte big-endian length, then the JSON envelope; Market Pay uses 7778 or 7777; 0 picks any free port',
  'local-api':
    'flat JSON per resource, async resources polled with GET; Market Pay uses 8080; 0 picks any free port',
  'terminal-api':
    'HTTPS POST of the envelope to /nexo, optional NexoCrypto; terminals use 8443; 0 picks any free port',
};

type Note = { readonly error: boolean; readonly text: string } | null;

function RoleForm({
  run,
  onConfigure,
  copyText,
  setNote,
  tapi,
  setTapi,
}: RolePanelProps & {
  /** Reports the last apply; kept by the panel because a new run starts the form over. */
  readonly setNote: (note: Note) => void;
  /** The Terminal API fields, kept by the panel: the passphrase is not in the next run's info. */
  readonly tapi: TerminalApiDrafts;
  readonly setTapi: (tapi: TerminalApiDrafts) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(run));
  const [busy, setBusy] = useState(false);
  const request = requestOf(draft, tapi);
  const peerWire = parseEndpoint(draft.url);
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const address = run?.role === 'terminal' ? run.nexoUrl : null;
  const others: readonly WireAddress[] =
    run?.role === 'terminal' ? (run.addresses ?? []).filter((a) => a.wire !== 'ws') : [];

  return (
    <form
      className="role-form"
      noValidate
      aria-label="Role"
      onSubmit={(e) => {
        e.preventDefault();
        if (!request.ok) return;
        setNote(null);
        setBusy(true);
        void onConfigure(request.value).then((result) => {
          setBusy(false);
          setNote(
            result.ok ? { error: false, text: 'Applied.' } : { error: true, text: result.error },
          );
        });
      }}
    >
      <fieldset>
        <legend>Role</legend>
        <label>
          <input
            type="radio"
            name={`${id}-role`}
            checked={draft.role === 'client'}
            onChange={() => change({ role: 'client' })}
          />{' '}
          Client (the harness is the POS)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-role`}
            checked={draft.role === 'terminal'}
            onChange={() => change({ role: 'terminal' })}
          />{' '}
          Terminal (the harness is the payment app)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-role`}
            checked={draft.role === 'proxy'}
            onChange={() => change({ role: 'proxy' })}
          />{' '}
          Proxy (the harness stands between a POS and a terminal)
        </label>
      </fieldset>
      {draft.role === 'proxy' ? (
        <ProxyFields draft={draft.proxy} onChange={(proxy) => change({ proxy })} />
      ) : draft.role === 'client' ? (
        <fieldset>
          <legend>Peer</legend>
          <label>
            <input
              type="radio"
              name={`${id}-peer`}
              checked={draft.peer === 'embedded'}
              onChange={() => change({ peer: 'embedded' })}
            />{' '}
            Embedded simulator
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-peer`}
              checked={draft.peer === 'external'}
              onChange={() => change({ peer: 'external' })}
            />{' '}
            External payment app
          </label>
          <label className="role-field">
            Peer URL
            <input
              type="url"
              value={draft.url}
              disabled={draft.peer !== 'external'}
              onChange={(e) => change({ url: e.target.value })}
            />
          </label>
          {draft.peer === 'external' && peerWire.ok && peerWire.value.wire === 'terminal-api' && (
            <TerminalApiPeerFields
              draft={tapi.peer}
              onChange={(peer) => setTapi({ ...tapi, peer })}
            />
          )}
        </fieldset>
      ) : (
        <fieldset>
          <legend>Listen on</legend>
          <label className="role-field">
            Listening port
            <input
              type="number"
              min={0}
              max={65535}
              value={draft.port}
              aria-description="WebSocket (ws://…/nexo); 0 picks any free port"
              onChange={(e) => change({ port: e.target.value })}
            />
          </label>
          {SIMULATOR_WIRES.filter(isExtraWire).map((wire) => {
            const port = draft.extra[wire];
            return (
              <div className="role-wire" key={wire} data-wire={wire}>
                <label>
                  <input
                    type="checkbox"
                    checked={port !== undefined}
                    onChange={(e) =>
                      change({
                        extra: { ...draft.extra, [wire]: e.target.checked ? '0' : undefined },
                      })
                    }
                  />{' '}
                  {WIRE_LABELS[wire]}
                </label>
                <label className="role-field">
                  {WIRE_LABELS[wire]} port
                  <input
                    type="number"
                    min={0}
                    max={65535}
                    value={port ?? ''}
                    disabled={port === undefined}
                    aria-description={WIRE_HINTS[wire]}
                    onChange={(e) => change({ extra: { ...draft.extra, [wire]: e.target.value } })}
                  />
                </label>
                {wire === 'terminal-api' && port !== undefined && (
                  <TerminalApiListenFields
                    draft={tapi.listen}
                    onChange={(listen) => setTapi({ ...tapi, listen })}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      {(draft.role === 'terminal' || (draft.role === 'client' && draft.peer === 'embedded')) && (
        <label className="role-field">
          Simulator profile
          <select
            value={draft.profile}
            onChange={(e) => {
              const profile = ProfileName.safeParse(e.target.value);
              if (profile.success) change({ profile: profile.data });
            }}
          >
            {ProfileName.options.map((p) => (
              <option key={p} value={p} title={PROFILES[p].description}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      {!request.ok && <p className="role-problem">{request.error}</p>}
      <button type="submit" disabled={!request.ok || busy} aria-busy={busy}>
        Apply role
      </button>
      {address !== null && (
        <p className="role-address" data-nexo-url={address}>
          Give the POS this address: <code>{address}</code>{' '}
          {copyText !== undefined && (
            <button type="button" onClick={() => void copyText(address)}>
              Copy address
            </button>
          )}
        </p>
      )}
      {run?.proxy !== undefined && (
        <ProxyAddress
          proxy={run.proxy}
          copyText={copyText}
          {...(run.terminalApi === undefined ? {} : { terminalApi: run.terminalApi })}
        />
      )}
      {others.map(({ wire, url }) => (
        <p className="role-address" key={wire} data-wire-address={wire} data-url={url}>
          {WIRE_LABELS[wire]}: <code>{url}</code>{' '}
          {copyText !== undefined && (
            <button
              type="button"
              aria-label={`Copy ${WIRE_LABELS[wire]} address`}
              onClick={() => void copyText(url)}
            >
              Copy address
            </button>
          )}
        </p>
      ))}
      {run?.terminalApi !== undefined && run.role !== 'proxy' && (
        <TerminalApiInForce
          info={run.terminalApi}
          role={run.role}
          {...(copyText === undefined ? {} : { copyText })}
        />
      )}
    </form>
  );
}

/**
 * The role switcher (README "Roles"): client role with the embedded simulator or an external
 * peer, terminal role listening on a chosen port for somebody else's POS, or proxy role between
 * a POS and a terminal (README "The proxy role"). The form starts
 * from the current run and starts over whenever a new run begins.
 */
export function RolePanel(props: RolePanelProps) {
  const titleId = useId();
  const [note, setNote] = useState<Note>(null);
  const [tapi, setTapi] = useState<TerminalApiDrafts>(() =>
    draftsOf(props.run?.role, props.run?.terminalApi),
  );
  return (
    <section className="panel-box role-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Role</h2>
      <p className="role-current" data-role={props.run?.role} data-run-id={props.run?.runId}>
        {describeRun(props.run)}
      </p>
      <RoleForm
        key={props.run?.runId ?? 'none'}
        {...props}
        setNote={setNote}
        tapi={tapi}
        setTapi={setTapi}
      />
      <p className={note?.error === true ? 'role-problem' : 'muted'} aria-live="polite">
        {note?.text}
      </p>
    </section>
  );
}
