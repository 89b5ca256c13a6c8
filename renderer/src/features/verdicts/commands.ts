import type { HarnessStore } from '../../store/harness-store';

/**
 * Shows one event of the live run: the live timeline comes to the centre (closing a scenario
 * trace or a replay in front of it), stops following, and selects the row, which scrolls it
 * into view.
 */
export function showLiveEvent(store: HarnessStore, seq: number): void {
  const s = store.getState();
  s.closeScenarioTrace();
  s.showCentreView('live');
  s.setTimelineFollow(false);
  s.selectTimelineRow(seq);
}
