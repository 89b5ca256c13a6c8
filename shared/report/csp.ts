import { sha256 } from '@noble/hashes/sha2.js';
import { base64EncodeBytes, utf8Encode } from '../protocol/base64';

/**
 * The CSP source that allows exactly one inline `<style>` or `<script>` body, e.g.
 * `'sha256-…'`: the report allows its own constant style and script and nothing else, so
 * markup smuggled in by a trace could not run even if it escaped the escaping.
 */
export function cspHashSource(body: string): string {
  return `'sha256-${base64EncodeBytes(sha256(Uint8Array.from(utf8Encode(body))))}'`;
}

/** The report's Content-Security-Policy: no network, no plugins, only its own style and script. */
export function reportCsp(style: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspHashSource(style)}`,
    `script-src ${cspHashSource(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
