import type { ReactNode } from 'react';
import type { Rect } from '@tanstack/react-virtual';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { selectScenarioTrace } from './scenarios-slice';
import { ScenarioTracePane } from './ScenarioTracePane';
import './scenarios.css';

export interface ScenarioTraceSwitchProps {
  /** What the centre shows otherwise (the live timeline and replay). */
  readonly children: ReactNode;
  /** See the Timeline's `initialRect` (component tests have no layout). */
  readonly initialRect?: Rect;
}

/**
 * The centre's switch to a scenario run's trace: while one is open it takes the centre; the
 * live view stays mounted underneath (hidden), so closing the trace returns to it as it was.
 */
export function ScenarioTraceSwitch({ children, initialRect }: ScenarioTraceSwitchProps) {
  const store = useHarnessStoreApi();
  const view = useHarnessStore(selectScenarioTrace);
  const actions = store.getState();
  return (
    <>
      <div className="sc-centre-live" hidden={view !== null}>
        {children}
      </div>
      {view !== null && (
        <ScenarioTracePane
          // Another run's trace starts with fresh filters.
          key={`${view.batchId}/${view.name}`}
          view={view}
          onSelect={actions.selectScenarioTraceRow}
          onClose={actions.closeScenarioTrace}
          initialRect={initialRect}
        />
      )}
    </>
  );
}
