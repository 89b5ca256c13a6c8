/**
 * The button that folds a part of the window away and back ("Show details" / "Hide details"):
 * its name says what pressing it does, and `aria-expanded` says the part's state.
 */
export function FoldToggle({
  what,
  folded,
  onFoldedChange,
  className,
}: {
  /** The part it folds, in the button's words ("details", "session"). */
  readonly what: string;
  readonly folded: boolean;
  readonly onFoldedChange: (folded: boolean) => void;
  readonly className?: string;
}) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={!folded}
      onClick={() => onFoldedChange(!folded)}
    >
      {folded ? `Show ${what}` : `Hide ${what}`}
    </button>
  );
}
