import type { ReactNode } from 'react';
import type { Direction, EventKind } from '@shared/trace/view';
import { EVENT_KINDS, toggle, type TimelineFilter } from './timeline-filter';
import { DIRECTION_LABEL, KIND_LABEL } from './row-text';
import './timeline.css';

export interface TimelineFiltersProps {
  readonly filter: TimelineFilter;
  /** Message categories seen so far. */
  readonly categories: readonly string[];
  readonly onChange: (filter: TimelineFilter) => void;
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
  /** Rows shown and rows in total, for the count. */
  readonly shown: number;
  readonly total: number;
}

const DIRECTIONS: readonly Direction[] = ['toPoi', 'toPos'];

interface CheckGroupProps<T extends string> {
  readonly legend: string;
  readonly values: readonly T[];
  readonly hidden: readonly T[];
  readonly labelOf: (value: T) => string;
  readonly onToggle: (value: T, visible: boolean) => void;
  readonly empty?: ReactNode;
}

function CheckGroup<T extends string>({
  legend,
  values,
  hidden,
  labelOf,
  onToggle,
  empty,
}: CheckGroupProps<T>) {
  return (
    <fieldset className="tl-check-group">
      <legend>{legend}</legend>
      {values.length === 0 ? empty : null}
      {values.map((value) => (
        <label key={value} className="tl-check">
          <input
            type="checkbox"
            checked={!hidden.includes(value)}
            onChange={(event) => onToggle(value, event.currentTarget.checked)}
          />
          {labelOf(value)}
        </label>
      ))}
    </fieldset>
  );
}

/** Search, kind/direction/category filters and the follow toggle of a timeline. */
export function TimelineFilters({
  filter,
  categories,
  onChange,
  follow,
  onFollowChange,
  shown,
  total,
}: TimelineFiltersProps) {
  return (
    <div className="tl-filters" role="group" aria-label="Timeline filters">
      <div className="tl-filters-bar">
        <input
          type="search"
          className="tl-search"
          aria-label="Search timeline"
          placeholder="Search (category, ServiceID, result, reason…)"
          value={filter.search}
          onChange={(event) => onChange({ ...filter, search: event.currentTarget.value })}
        />
        <button
          type="button"
          className="tl-follow"
          aria-pressed={follow}
          onClick={() => onFollowChange(!follow)}
        >
          Follow newest
        </button>
        <span className="tl-follow-state">{follow ? 'Following' : 'Paused'}</span>
        <span className="tl-count">
          {shown === total ? `${total} events` : `${shown} of ${total} events`}
        </span>
      </div>
      <div className="tl-filters-groups">
        <CheckGroup<EventKind>
          legend="Kinds"
          values={EVENT_KINDS}
          hidden={filter.hiddenKinds}
          labelOf={(kind) => KIND_LABEL[kind]}
          onToggle={(kind, visible) =>
            onChange({ ...filter, hiddenKinds: toggle(filter.hiddenKinds, kind, !visible) })
          }
        />
        <CheckGroup<Direction>
          legend="Directions"
          values={DIRECTIONS}
          hidden={filter.hiddenDirections}
          labelOf={(direction) => DIRECTION_LABEL[direction]}
          onToggle={(direction, visible) =>
            onChange({
              ...filter,
              hiddenDirections: toggle(filter.hiddenDirections, direction, !visible),
            })
          }
        />
        <CheckGroup<string>
          legend="Categories"
          values={categories}
          hidden={filter.hiddenCategories}
          labelOf={(category) => category}
          onToggle={(category, visible) =>
            onChange({
              ...filter,
              hiddenCategories: toggle(filter.hiddenCategories, category, !visible),
            })
          }
          empty={<span className="tl-muted">none yet</span>}
        />
      </div>
    </div>
  );
}
