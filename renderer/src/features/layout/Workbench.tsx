import {
  Group,
  Panel,
  Separator,
  type Layout,
  type LayoutChangedMeta,
} from 'react-resizable-panels';
import { useHarnessApi } from '../../api/api-context';
import { LiveComposer } from '../composer/LiveComposer';
import { LiveArmedFaults, LiveFaultBar } from '../faults/LiveFaultBar';
import { LedgerSummary } from '../ledger/LedgerSummary';
import { LivePolicyPanel } from '../policy/LivePolicyPanel';
import { LiveRolePanel } from '../role/LiveRolePanel';
import { LiveScenariosPanel, ScenarioTraceSwitch } from '../scenarios';
import { LiveVerdictsPanel } from '../verdicts';
import { CoreSummary } from '../../shell/CoreSummary';
import { selectCentreView, selectPaneLayout } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { CentrePane } from './CentrePane';
import { rememberPaneLayout } from './commands';
import { LiveSession, LiveSessionStrip } from './LiveSession';
import './layout.css';

/**
 * The window's working area (README "Using the window"): a strip that never scrolls away
 * (the session with its cause, the fault bar, the armed faults), then three panes side by side
 * that the user resizes and collapses: session details and verdicts, the timeline (the largest),
 * and requests, ledger, scenarios, role and policy. Each pane scrolls on its own and the timeline
 * has fixed-height rows, so nothing moves while events stream in.
 */
// The side panes scroll; tabIndex lets keyboard users scroll them too (they may hold no control).
export function Workbench() {
  const centre = useHarnessStore(selectCentreView);
  const layout = useHarnessStore(selectPaneLayout);
  const store = useHarnessStoreApi();
  const api = useHarnessApi();
  // The layout the user asked for, before the window's width bent it (the library's advice for
  // saving): a wider window later gets the sizes back.
  const remember = (next: Layout, meta: LayoutChangedMeta) =>
    void rememberPaneLayout(api, store, meta.requestedLayout ?? next, meta.isUserInteraction);
  return (
    <div className="workbench" data-centre-view={centre}>
      <aside className="wb-strip" aria-label="Session and faults">
        <LiveSessionStrip />
        <LiveFaultBar />
        <LiveArmedFaults />
      </aside>
      <Group
        className="wb-panes"
        orientation="horizontal"
        defaultLayout={layout ?? undefined}
        onLayoutChanged={remember}
      >
        <Panel id="details" className="wb-pane" collapsible minSize="14rem" defaultSize="22%">
          <aside className="wb-column" aria-label="Session details and verdicts" tabIndex={0}>
            <LiveSession />
            <LiveVerdictsPanel />
          </aside>
        </Panel>
        <Separator className="wb-separator" />
        <Panel id="timeline" className="wb-pane" minSize="24rem" defaultSize="52%">
          <section className="wb-centre" aria-label="Timeline">
            <ScenarioTraceSwitch>
              <CentrePane />
            </ScenarioTraceSwitch>
          </section>
        </Panel>
        <Separator className="wb-separator" />
        <Panel id="tools" className="wb-pane" collapsible minSize="16rem" defaultSize="26%">
          <aside className="wb-column wb-right" aria-label="Requests, ledger and role" tabIndex={0}>
            <LiveComposer />
            <LedgerSummary />
            <LiveScenariosPanel />
            <LiveRolePanel />
            <LivePolicyPanel />
            <CoreSummary />
          </aside>
        </Panel>
      </Group>
    </div>
  );
}
