export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { type?: string } };
}
export const FRAME_PARTS: Readonly<Record<FramePart, readonly string[]>>;
export type FramePart =
  | 'events'
  | 'animationFrame'
  | 'style'
  | 'layout'
  | 'prePaint'
  | 'paint'
  | 'layerize'
  | 'commit'
  | 'gc'
  | 'total';
export function mainThreadOf(events: readonly TraceEvent[]): string | undefined;
export function splitFrames(
  events: readonly TraceEvent[],
  frames: number,
): Record<FramePart, number>;
