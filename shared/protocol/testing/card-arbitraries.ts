import fc from 'fast-check';

/** Completes `body` (12–18 digits) with its Luhn check digit. */
export function withLuhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    // Counting from the right of the final number, the check digit is position 0.
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** A card number as people write it: 13–19 digits, Luhn-valid, plain or in groups. */
export interface WrittenPan {
  readonly digits: string;
  readonly written: string;
}

function group(digits: string, separator: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
}

export const panArb: fc.Arbitrary<WrittenPan> = fc
  .tuple(fc.stringMatching(/^[1-9]\d{11,17}$/), fc.constantFrom('', ' ', '-'))
  .map(([body, separator]) => {
    const digits = withLuhnDigit(body);
    return { digits, written: separator === '' ? digits : group(digits, separator) };
  });

/** Characters that end a digit run on either side of an embedded PAN. */
const boundaryArb = fc.constantFrom('', ' x ', ':', '|', '"', '/', 'card ', '(', '\n');

/** Where a PAN may be written in a JSON value: inside a string (at `index`) or as a key. */
interface Placement {
  readonly slot: number;
  readonly index: number;
  readonly before: string;
  readonly after: string;
}

export const placementArb: fc.Arbitrary<Placement> = fc.record({
  slot: fc.nat(),
  index: fc.nat(),
  before: boundaryArb,
  after: boundaryArb,
});

/**
 * A copy of `value` with `pan` written into one of its strings or keys (chosen by
 * `placement.slot`), between non-digit boundaries, or as a new field when there is no slot.
 */
export function embedPan(value: unknown, pan: string, placement: Placement): unknown {
  // The values are JSON (no structuredClone in shared code).
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const slots: { readonly read: () => string; readonly write: (text: string) => void }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item: unknown, i) => {
        if (typeof item === 'string')
          slots.push({ read: () => item, write: (text) => (node[i] = text) });
        else visit(item);
      });
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const [key, item] of Object.entries(record)) {
        if (typeof item === 'string')
          slots.push({ read: () => item, write: (text) => (record[key] = text) });
        else visit(item);
        slots.push({
          read: () => key,
          write: (text) => {
            delete record[key];
            record[text] = item;
          },
        });
      }
    }
  };
  visit(copy);
  const slot = slots[placement.slot % Math.max(1, slots.length)];
  if (slot === undefined) return { Note: pan, Value: copy };
  const text = slot.read();
  let at = placement.index % (text.length + 1);
  // Between the halves of a surrogate pair the text would no longer be the same characters.
  if (/[\ud800-\udbff]/.test(text.charAt(at - 1))) at -= 1;
  const left = text.slice(0, at);
  const right = text.slice(at);
  // A PAN glued to other digits is a longer number, not a card number: keep the boundaries.
  const before = /[\d -]$/.test(left) && placement.before === '' ? '|' : placement.before;
  const after = /^[\d -]/.test(right) && placement.after === '' ? '|' : placement.after;
  slot.write(`${left}${before}${pan}${after}${right}`);
  return copy;
}

/** True when the PAN's digits appear in `output` with any separators removed. */
export function revealsPan(output: string, digits: string): boolean {
  return output.replace(/[ -]/g, '').includes(digits);
}
