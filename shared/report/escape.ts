/**
 * Text as HTML character data or a double-quoted attribute value. Traces are hostile input
 * (README "Reports"): every string a trace carries goes through here before it reaches the page,
 * so markup in it stays text.
 */
export function escapeHtml(value: string | number | boolean): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Keeps a label to one line of `max` characters, with an ellipsis when cut. */
export function clipText(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
