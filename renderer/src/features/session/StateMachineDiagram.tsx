import { useId } from 'react';
import {
  CELL_HEIGHT,
  CELL_WIDTH,
  EDGES,
  NODE_HEIGHT,
  NODE_WIDTH,
  centreOf,
  edgePath,
  layoutStates,
} from './state-machine-layout';
import { shortStateWords, stateWords } from './session-words';
import './session.css';

export interface StateMachineDiagramProps {
  /** The current state id. */
  readonly current: string;
  /** The last transition, drawn highlighted when it is one of the drawn edges. */
  readonly lastFrom?: string;
}

/**
 * The session state machine as an SVG: one node per state (a list item, so tests and screen
 * readers find the current one by `aria-current`), arrows for the main transitions.
 */
export function StateMachineDiagram({ current, lastFrom }: StateMachineDiagramProps) {
  const markerId = `${useId()}-arrow`;
  const places = layoutStates(current);
  const byId = new Map(places.map((place) => [place.id, place]));
  const rows = Math.max(...places.map((place) => place.row)) + 1;
  const width = 3 * CELL_WIDTH;
  const height = rows * CELL_HEIGHT;
  return (
    <svg
      className="ss-diagram"
      role="list"
      aria-label="Session state machine"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
    >
      <defs>
        <marker
          id={markerId}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" className="ss-arrowhead" />
        </marker>
      </defs>
      <g aria-hidden="true">
        {EDGES.map((edge) => {
          const from = byId.get(edge.from);
          const to = byId.get(edge.to);
          if (from === undefined || to === undefined) return null;
          const active = edge.from === lastFrom && edge.to === current;
          return (
            <path
              key={`${edge.from}-${edge.to}`}
              d={edgePath(from, to, edge.bend)}
              className={active ? 'ss-edge ss-edge-active' : 'ss-edge'}
              markerEnd={`url(#${markerId})`}
            />
          );
        })}
      </g>
      {places.map((place) => {
        const { x, y } = centreOf(place);
        const isCurrent = place.id === current;
        return (
          <g
            key={place.id}
            role="listitem"
            aria-label={stateWords(place.id)}
            aria-current={isCurrent ? 'step' : undefined}
            data-state={place.id}
            className={isCurrent ? 'ss-node ss-node-current' : 'ss-node'}
          >
            <rect
              x={x - NODE_WIDTH / 2}
              y={y - NODE_HEIGHT / 2}
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={6}
            />
            <text x={x} y={y} dominantBaseline="central" textAnchor="middle">
              {shortStateWords(place.id)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
