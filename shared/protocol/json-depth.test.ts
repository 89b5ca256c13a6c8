import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonValue, jsonTextDepth, parseJsonText, valueDepth } from './json-depth';
import { MAX_JSON_DEPTH } from './limits';

/** JSON values nested a few levels, with brackets in their keys and strings to mislead a scanner. */
function nestedJson(extraLeaves: readonly (string | null)[]) {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<unknown>(1, '[', '{', ...extraLeaves),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', '{', '['), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}

describe('jsonTextDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['[[],[[]]]', 3],
    ['{"a":{"b":[1]}}', 3],
    ['"[[[[[["', 0],
    ['["\\\\",["\\"[["]]', 2],
  ])('%s is %i deep', (text, depth) => {
    expect(jsonTextDepth(text)).toBe(depth);
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(jsonTextDepth(JSON.stringify(value))).toBe(valueDepth(value));
      }),
    );
  });

  it('stops past the limit on absurd nesting', () => {
    expect(jsonTextDepth('['.repeat(1_000_000), 64)).toBe(65);
  });
});

describe('parseJsonText', () => {
  it('parses up to the limit and refuses one level more before parsing', () => {
    const at = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parseJsonText(at).ok).toBe(true);
    expect(parseJsonText(`[${at}]`)).toEqual({
      ok: false,
      error: { kind: 'tooDeep', message: 'nested deeper than 64 levels' },
    });
  });

  it('parses shallow text with more brackets than the limit inside its strings', () => {
    const text = JSON.stringify({ note: '{['.repeat(MAX_JSON_DEPTH), list: [[1], [2], { a: [] }] });
    expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('refuses exactly the text nested past the limit, whatever its brackets', () => {
    const nested = nestedJson(['"]"']);
    fc.assert(
      fc.property(nested, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        const parsed = parseJsonText(JSON.stringify(value), limit);
        expect(parsed.ok).toBe(valueDepth(value) <= limit);
      }),
    );
  });

  it('returns syntax errors as values', () => {
    const parsed = parseJsonText('{"a":');
    expect(parsed.ok === false && parsed.error.kind).toBe('syntax');
  });
});

describe('checkJsonValue', () => {
  it('answers for a built value what parseJsonText answers for its text', () => {
    const nested = nestedJson([null]);
    fc.assert(
      fc.property(nested, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        const parsed = parseJsonText(JSON.stringify(value), limit);
        const checked = checkJsonValue(value, limit);
        expect(
          checked.ok ? { ok: true, value: JSON.parse(JSON.stringify(checked.value)) } : checked,
        ).toEqual(parsed);
      }),
    );
  });
});

describe('valueDepth', () => {
  it('measures a built value without recursion, and a cycle as too deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(valueDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(valueDepth(cycle)).toBe(MAX_JSON_DEPTH + 1);
  });
});
