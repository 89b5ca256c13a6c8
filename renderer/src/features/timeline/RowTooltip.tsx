import { useRef, useState } from 'react';
import * as Tooltip from '@radix-ui/react-tooltip';

export interface RowTooltipProps {
  /** The row's text in full. */
  readonly text: string;
}

/** True when some text of the row is cut (a `.tl-cut` element narrower than its content). */
function isCut(row: Element | null | undefined): boolean {
  if (row == null) return false;
  for (const element of row.querySelectorAll<HTMLElement>('.tl-cut')) {
    if (element.scrollWidth > element.clientWidth) return true;
  }
  return false;
}

/**
 * Shows a row's text in full on hover, and only when some of it is cut: a row that shows all
 * of itself needs no tooltip. The details drawer shows the same text for keyboard users.
 *
 * It is mounted in the row under the pointer only (a tooltip per rendered row would cost every
 * row mounted while a 100,000-row list scrolls, README "Benchmarks"), as a transparent layer
 * over the row: the row element itself never remounts, and a click on the layer is a click on
 * the row.
 */
export function RowTooltip({ text }: RowTooltipProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLElement | null>(null);
  return (
    <Tooltip.Root
      open={open}
      onOpenChange={(next) => setOpen(next && isCut(anchor.current?.parentElement))}
      disableHoverableContent
    >
      <Tooltip.Trigger
        asChild
        // Radix types the trigger as a button; with asChild it is this layer.
        ref={(element: HTMLElement | null) => {
          anchor.current = element;
        }}
      >
        <span className="tl-tip-anchor" aria-hidden="true" />
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tl-tooltip" side="bottom" align="start" sideOffset={2}>
          {text}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
