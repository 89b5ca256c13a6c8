import { base64DecodeText, base64EncodeLargeText } from '../protocol/base64';
import { err, ok, type Result } from '../result';

/** The id of the `<script type="application/jsonl">` block that carries the trace. */
export const TRACE_BLOCK_ID = 'a2a-trace';

/** Turns text into standard base64 of its UTF-8 bytes; the CLI passes a faster one (Buffer). */
export type Base64Encoder = (text: string) => string;

/**
 * The trace's bytes as base64 inside a data block the browser never runs. Base64 holds no `<`,
 * `&` or quote, so no trace content can close the block or start markup, and decoding gives the
 * file back byte for byte (README "Reports").
 */
export function traceBlock(
  text: string,
  fileName: string,
  id = TRACE_BLOCK_ID,
  encode: Base64Encoder = base64EncodeLargeText,
): { readonly html: string; readonly base64: string } {
  const base64 = encode(text);
  // The file name is hostile input like the rest: only safe characters reach the attribute.
  const name = safeFileName(fileName);
  return {
    base64,
    html: `<script type="application/jsonl" id="${id}" data-file-name="${name}">${base64}</script>`,
  };
}

/** A download name made of letters, digits, dot, dash and underscore. */
export function safeFileName(fileName: string): string {
  const cleaned = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned === '' ? 'trace.jsonl' : cleaned.slice(0, 120);
}

/** The base64 text of the embedded trace (the first block, or the one with `id`). */
export function embeddedTraceBase64(html: string, id = TRACE_BLOCK_ID): Result<string, string> {
  const open = `<script type="application/jsonl" id="${id}"`;
  const start = html.indexOf(open);
  if (start < 0) return err(`no embedded trace #${id} in this report`);
  const bodyStart = html.indexOf('>', start) + 1;
  const end = html.indexOf('</script>', bodyStart);
  if (bodyStart <= 0 || end < 0) return err(`the embedded trace #${id} is cut short`);
  return ok(html.slice(bodyStart, end));
}

/**
 * Reads the trace back out of a report (the first block, or the one with `id`): what a person
 * gets from the download link, for tests and tools.
 */
export function extractEmbeddedTrace(html: string, id = TRACE_BLOCK_ID): Result<string, string> {
  const base64 = embeddedTraceBase64(html, id);
  return base64.ok ? base64DecodeText(base64.value) : base64;
}
