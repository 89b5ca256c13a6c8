import { LiveComposer } from '../composer/LiveComposer';
import { LiveFaultPanel } from '../faults/LiveFaultPanel';
import { LiveLedger } from '../ledger/LiveLedger';
import { LivePolicyPanel } from '../policy/LivePolicyPanel';
import { LiveRolePanel } from '../role/LiveRolePanel';
import { LiveScenariosPanel, ScenarioTraceSwitch } from '../scenarios';
import { LiveVerdictsPanel } from '../verdicts';
import { CoreSummary } from '../../shell/CoreSummary';
import { selectCentreView } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { CentrePane } from './CentrePane';
import { LiveSession } from './LiveSession';
import './layout.css';

/**
 * The window's working area: session and faults on the left, the timeline (live or replayed)
 * in the centre, requests, ledger and role on the right. Each column scrolls on its own and the
 * timeline has fixed-height rows, so nothing moves while events stream in. A replay takes the
 * right column's room too (the live session and faults stay in view on the left).
 */
export function Workbench() {
  const centre = useHarnessStore(selectCentreView);
  return (
    <div className="workbench" data-centre-view={centre}>
      <aside className="wb-column wb-left" aria-label="Session and faults">
        <LiveSession />
        <LiveFaultPanel />
        <LiveVerdictsPanel />
      </aside>
      <section className="wb-centre" aria-label="Timeline and traces">
        <ScenarioTraceSwitch>
          <CentrePane />
        </ScenarioTraceSwitch>
      </section>
      <aside className="wb-column wb-right" aria-label="Requests, ledger and role">
        <LiveComposer />
        <LiveLedger />
        <LiveScenariosPanel />
        <LiveRolePanel />
        <LivePolicyPanel />
        <CoreSummary />
      </aside>
    </div>
  );
}
