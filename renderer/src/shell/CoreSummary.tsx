import type { ReactNode } from 'react';
import { selectAppInfo, selectStreamLiveSince } from '../store/selectors';
import { useHarnessStore } from '../store/use-harness-store';
import { formatInstant, MODE_LABELS } from './format';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the harness core reported about itself, and whether its event stream reaches us. */
export function CoreSummary() {
  const info = useHarnessStore(selectAppInfo);
  const liveSince = useHarnessStore(selectStreamLiveSince);
  if (info === null) return null;
  return (
    <section className="panel" aria-labelledby="core-summary-title">
      <h2 id="core-summary-title">Harness core</h2>
      <dl className="facts">
        <Fact term="Version">{info.version}</Fact>
        <Fact term="Started">
          <time dateTime={info.startedAt}>{formatInstant(info.startedAt)}</time>
        </Fact>
        <Fact term="Mode">{MODE_LABELS[info.mode]}</Fact>
        <Fact term="Event stream">
          {liveSince === null ? (
            'Waiting'
          ) : (
            <>
              Live since <time dateTime={liveSince}>{formatInstant(liveSince)}</time>
            </>
          )}
        </Fact>
      </dl>
    </section>
  );
}
