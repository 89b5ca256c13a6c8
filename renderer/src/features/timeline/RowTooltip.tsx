import { useLayoutEffect, useRef, useState } from 'react';
import * as Tooltip from '@radix-ui/react-tooltip';

export interface RowTooltipProps {
  /** The row's text in full. */
  readonly text: string;
  /**
   * Open as soon as it is mounted when some text is cut: the keyboard's selected row, which no
   * pointer rests on. Otherwise it opens on hover.
   */
  readonly openWhenCut?: boolean;
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
 * Shows a row's text in full on hover, or on the keyboard's selected row while the list has the
 * focus, and only when some of it is cut: a row that shows all of itself needs no tooltip. The
 * details drawer always shows the same text.
 *
 * It is mounted in the row under the pointer only (a tooltip per rendered row would cost every
 * row mounted while a 100,000-row list scrolls, README "Benchmarks"), as a transparent layer
 * over the row: the row element itself never remounts, and a click on the layer is a click on
 * the row.
 */
export function RowTooltip({ text, openWhenCut = false }: RowTooltipProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLElement | null>(null);
  // Measured after layout: whether the text is cut depends on the row's drawn width.
  useLayoutEffect(() => {
    setOpen(openWhenCut && isCut(anchor.current?.parentElement));
  }, [openWhenCut, text]);
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
