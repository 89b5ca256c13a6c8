import { useId, useState } from 'react';
import { ListFilter } from 'lucide-react';
import type { Direction, EventKind } from '@shared/trace/view';
import { EVENT_KINDS, toggle, type FacetCounts, type TimelineFilter } from './timeline-filter';
import { DIRECTION_LABEL, KIND_LABEL } from './row-text';
import './timeline.css';

/** How the timeline draws its rows: lanes and arrows, or today's one-line list. */
export type TimelineMode = 'flow' | 'compact';

export interface TimelineFiltersProps {
  readonly filter: TimelineFilter;
  /** Message categories seen so far. */
  readonly categories: readonly string[];
  /** Rows per chip, over all rows (not only the ones shown). */
  readonly counts: FacetCounts;
  readonly onChange: (filter: TimelineFilter) => void;
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
  readonly mode: TimelineMode;
  readonly onModeChange: (mode: TimelineMode) => void;
  /** Rows shown and rows in total, for the count. */
  readonly shown: number;
  readonly total: number;
}

const DIRECTIONS: readonly Direction[] = ['toPoi', 'toPos'];

interface ChipGroupProps<T extends string> {
  readonly label: string;
  readonly values: readonly T[];
  readonly hidden: readonly T[];
  readonly counts: ReadonlyMap<T, number>;
  readonly labelOf: (value: T) => string;
  readonly onToggle: (value: T, hide: boolean) => void;
}

/**
 * One group of chips: a pressed chip shows its rows, a released one hides them (a category seen
 * for the first time is shown, see {@link TimelineFilter}). Each chip names its row count.
 */
function ChipGroup<T extends string>({
  label,
  values,
  hidden,
  counts,
  labelOf,
  onToggle,
}: ChipGroupProps<T>) {
  if (values.length === 0) return null;
  return (
    <div className="tl-chip-group" role="group" aria-label={label}>
      <span className="tl-chip-legend" aria-hidden="true">
        {label}
      </span>
      {values.map((value) => {
        const shown = !hidden.includes(value);
        return (
          <button
            key={value}
            type="button"
            className="tl-chip"
            aria-pressed={shown}
            onClick={() => onToggle(value, shown)}
          >
            {labelOf(value)} <span className="tl-chip-count">{counts.get(value) ?? 0}</span>
          </button>
        );
      })}
    </div>
  );
}

/** How many chips are released (their rows hidden): what "Filters (n active)" counts. */
export function activeChipCount(filter: TimelineFilter): number {
  return (
    filter.hiddenKinds.length + filter.hiddenDirections.length + filter.hiddenCategories.length
  );
}

/**
 * The timeline's one filter bar (README "Timeline flow view"): search, "only problems", the
 * flow/compact switch, the follow toggle, and "Filters (n active)", which unfolds the chips for
 * kinds, directions and categories with their counts. The chips stay folded until asked for, so
 * the bar is one line and the rows keep the room; the toggle counts the chips released, so a
 * hidden filter is never forgotten.
 */
export function TimelineFilters({
  filter,
  categories,
  counts,
  onChange,
  follow,
  onFollowChange,
  mode,
  onModeChange,
  shown,
  total,
}: TimelineFiltersProps) {
  // Kinds that never occurred would be chips that do nothing; a hidden one stays, to be undone.
  const kinds = EVENT_KINDS.filter(
    (kind) => (counts.kinds.get(kind) ?? 0) > 0 || filter.hiddenKinds.includes(kind),
  );
  const [chipsShown, setChipsShown] = useState(false);
  const chipsId = useId();
  const active = activeChipCount(filter);
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
          className="tl-chip tl-chip-problems"
          aria-pressed={filter.onlyProblems}
          onClick={() => onChange({ ...filter, onlyProblems: !filter.onlyProblems })}
        >
          Only problems <span className="tl-chip-count">{counts.problems}</span>
        </button>
        <button
          type="button"
          className="tl-toggle tl-filters-toggle"
          aria-expanded={chipsShown}
          aria-controls={chipsId}
          data-active-filters={active}
          onClick={() => setChipsShown(!chipsShown)}
        >
          <ListFilter aria-hidden="true" size={13} />
          {active === 0 ? 'Filters' : `Filters (${active} active)`}
        </button>
        <button
          type="button"
          className="tl-toggle"
          aria-pressed={mode === 'compact'}
          onClick={() => onModeChange(mode === 'compact' ? 'flow' : 'compact')}
        >
          Compact
        </button>
        <button
          type="button"
          className="tl-toggle tl-follow"
          aria-pressed={follow}
          onClick={() => onFollowChange(!follow)}
        >
          Follow newest
        </button>
        <span className="tl-count">
          {shown === total ? `${total} events` : `${shown} of ${total} events`}
        </span>
      </div>
      <div className="tl-filters-chips" id={chipsId} hidden={!chipsShown}>
        <ChipGroup<EventKind>
          label="Kinds"
          values={kinds}
          hidden={filter.hiddenKinds}
          counts={counts.kinds}
          labelOf={(kind) => KIND_LABEL[kind]}
          onToggle={(kind, hide) =>
            onChange({ ...filter, hiddenKinds: toggle(filter.hiddenKinds, kind, hide) })
          }
        />
        <ChipGroup<Direction>
          label="Directions"
          values={DIRECTIONS}
          hidden={filter.hiddenDirections}
          counts={counts.directions}
          labelOf={(direction) => DIRECTION_LABEL[direction]}
          onToggle={(direction, hide) =>
            onChange({
              ...filter,
              hiddenDirections: toggle(filter.hiddenDirections, direction, hide),
            })
          }
        />
        <ChipGroup<string>
          label="Categories"
          values={categories}
          hidden={filter.hiddenCategories}
          counts={counts.categories}
          labelOf={(category) => category}
          onToggle={(category, hide) =>
            onChange({
              ...filter,
              hiddenCategories: toggle(filter.hiddenCategories, category, hide),
            })
          }
        />
      </div>
    </div>
  );
}
