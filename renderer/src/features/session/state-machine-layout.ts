import { SESSION_STATES } from '@shared/session/states';

/** Where a state sits in the diagram (grid cell, column and row from 0). */
export interface NodePlace {
  readonly id: string;
  readonly col: number;
  readonly row: number;
}

/** A drawn transition; `bend` curves it (px, sideways) so that a pair of opposite edges do not overlap. */
export interface EdgeSpec {
  readonly from: string;
  readonly to: string;
  readonly bend?: number;
}

export const CELL_WIDTH = 112;
export const CELL_HEIGHT = 60;
export const NODE_WIDTH = 96;
export const NODE_HEIGHT = 30;

/**
 * Three columns keep the drawing legible in a side panel: the connect path on top, the login
 * loop in the middle, the open session at the bottom.
 */
const PLACES: Readonly<Record<string, readonly [col: number, row: number]>> = {
  offline: [0, 0],
  connecting: [1, 0],
  linked: [2, 0],
  busyBackoff: [0, 1],
  loggingIn: [1, 1],
  failed: [2, 1],
  loggedOut: [0, 2],
  ready: [1, 2],
  recovering: [2, 2],
};

/** The main transitions of the session manager (DESIGN §7). */
export const EDGES: readonly EdgeSpec[] = [
  { from: 'offline', to: 'connecting' },
  { from: 'connecting', to: 'linked' },
  { from: 'linked', to: 'loggingIn' },
  { from: 'loggingIn', to: 'busyBackoff', bend: 8 },
  { from: 'busyBackoff', to: 'loggingIn', bend: 8 },
  { from: 'loggingIn', to: 'failed' },
  { from: 'loggingIn', to: 'ready' },
  { from: 'ready', to: 'recovering', bend: 8 },
  { from: 'recovering', to: 'ready', bend: 8 },
  { from: 'ready', to: 'loggedOut' },
  { from: 'loggedOut', to: 'loggingIn' },
];

/**
 * Every known state in its place, plus `current` in an extra row when a newer harness reports a
 * state this drawing does not know (so the highlight is never lost).
 */
export function layoutStates(current: string): readonly NodePlace[] {
  const places = SESSION_STATES.map((id, index): NodePlace => {
    const place = PLACES[id];
    // A state added to SESSION_STATES without a place goes below the grid.
    return place === undefined
      ? { id, col: index % 3, row: 3 }
      : { id, col: place[0], row: place[1] };
  });
  const known = places.some((place) => place.id === current);
  return known ? places : [...places, { id: current, col: 1, row: 3 }];
}

/** Centre of a cell in SVG user units. */
export function centreOf(place: NodePlace): { x: number; y: number } {
  return {
    x: place.col * CELL_WIDTH + CELL_WIDTH / 2,
    y: place.row * CELL_HEIGHT + CELL_HEIGHT / 2,
  };
}

/** SVG path of an edge, from border to border of the two node boxes. */
export function edgePath(from: NodePlace, to: NodePlace, bend = 0): string {
  const a = centreOf(from);
  const b = centreOf(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // Distance from a box's centre to its border along the edge direction.
  const exit = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : NODE_WIDTH / 2 / Math.abs(dx / length),
    dy === 0 ? Number.POSITIVE_INFINITY : NODE_HEIGHT / 2 / Math.abs(dy / length),
  );
  const ux = dx / length;
  const uy = dy / length;
  // Perpendicular offset: both ends and the control point shift, so opposite edges separate.
  const px = -uy * bend;
  const py = ux * bend;
  const x1 = a.x + ux * exit + px;
  const y1 = a.y + uy * exit + py;
  const x2 = b.x - ux * (exit + 2) + px;
  const y2 = b.y - uy * (exit + 2) + py;
  return `M${x1.toFixed(1)},${y1.toFixed(1)} L${x2.toFixed(1)},${y2.toFixed(1)}`;
}
