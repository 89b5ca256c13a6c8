import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import './confirm-dialog.css';

/**
 * Focuses `element` now, or as soon as it is enabled again: the control that asked is often
 * disabled while its work is pending, and focus must not fall back to the page.
 */
function focusWhenEnabled(element: HTMLElement): void {
  const ready = () => element.isConnected && !element.matches(':disabled');
  if (ready()) {
    element.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!element.isConnected) observer.disconnect();
    else if (ready()) {
      observer.disconnect();
      element.focus();
    }
  });
  observer.observe(element, { attributes: true, attributeFilter: ['disabled'] });
}

/** What a confirmation asks: a title, a sentence or two, and the words of both buttons. */
export interface Confirmation {
  readonly title: string;
  readonly description: ReactNode;
  /** The button that goes ahead, e.g. "Start a new run". */
  readonly confirm: string;
  /** The button that keeps things as they are, e.g. "Keep this run". */
  readonly cancel: string;
}

/**
 * Asks before something that throws work away (README "Care with work"). `ask` opens a modal
 * alert dialog (Radix: focus trapped inside, Escape cancels, and focus goes back to the control
 * that was pressed when it closes) and resolves with the user's answer; `dialog` is to be
 * rendered once by the caller.
 */
export function useConfirmation(): {
  readonly ask: (question: Confirmation) => Promise<boolean>;
  readonly dialog: ReactNode;
} {
  const [question, setQuestion] = useState<Confirmation | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);
  const pressed = useRef<HTMLElement | null>(null);
  const settle = (yes: boolean) => {
    answer.current?.(yes);
    answer.current = null;
    setQuestion(null);
  };
  const ask = useCallback(
    (next: Confirmation) =>
      new Promise<boolean>((resolve) => {
        // A second question while one is open answers the first "no".
        answer.current?.(false);
        answer.current = resolve;
        pressed.current =
          document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setQuestion(next);
      }),
    [],
  );
  const dialog = (
    <AlertDialog.Root
      open={question !== null}
      onOpenChange={(open) => {
        if (!open) settle(false);
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="confirm-overlay" />
        <AlertDialog.Content
          className="confirm-dialog"
          onCloseAutoFocus={(event) => {
            const target = pressed.current;
            pressed.current = null;
            if (target === null) return;
            event.preventDefault();
            focusWhenEnabled(target);
          }}
        >
          <AlertDialog.Title className="confirm-title">{question?.title}</AlertDialog.Title>
          <AlertDialog.Description className="confirm-description">
            {question?.description}
          </AlertDialog.Description>
          <div className="confirm-buttons">
            <AlertDialog.Cancel className="confirm-cancel">{question?.cancel}</AlertDialog.Cancel>
            <AlertDialog.Action className="confirm-action" onClick={() => settle(true)}>
              {question?.confirm}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
  return { ask, dialog };
}
