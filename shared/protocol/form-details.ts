/**
 * `key=value&key=value`, the way real terminals write EventDetails and AdditionalResponse:
 * application/x-www-form-urlencoded, as `URLSearchParams` serialises it (which shared/ does not
 * have: no DOM, no Node). Lone surrogates become U+FFFD instead of throwing, so text a peer sent
 * (a SaleID, a reason quoting a frame) can always be written.
 */
export function formDetails(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs)
    .map(([key, value]) => `${formEncode(key)}=${formEncode(value)}`)
    .join('&');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent leaves these five unescaped; the form encoding escapes them. */
const FORM_RESERVED = /[!'()~]/g;

/** What the form encoding leaves as it is: most keys and values (a state, a ServiceID). */
const PLAIN = /^[\w.*-]*$/;

function formEncode(text: string): string {
  if (PLAIN.test(text)) return text;
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
    .replace(FORM_RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
