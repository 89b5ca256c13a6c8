import { describe, expect, it } from 'vitest';
import { formatTable, runCases, selectCases, toJson, type BenchCase } from './runner.mjs';
import { median, percentile } from './stats.mjs';

const fast: BenchCase = {
  name: 'fast',
  description: 'returns two metrics',
  run: ({ budgetMs }) =>
    Promise.resolve([
      { name: 'rate', value: 1234, unit: 'ops/s' },
      { name: 'budget', value: budgetMs / 3, unit: 'ms' },
    ]),
};
const broken: BenchCase = {
  name: 'broken',
  description: 'throws',
  run: () => Promise.reject(new Error('no simulator')),
};

describe('bench runner', () => {
  it('selects cases by name and refuses an unknown one', () => {
    const all = selectCases([fast, broken], []);
    expect(all.ok && all.value).toEqual([fast, broken]);
    const picked = selectCases([fast, broken], ['broken']);
    expect(picked.ok && picked.value).toEqual([broken]);
    const unknown = selectCases([fast, broken], ['slow']);
    expect(!unknown.ok && unknown.error).toBe('unknown case "slow" (cases: fast, broken)');
  });

  it('runs every case, reports a failing one, and prints a table and JSON', async () => {
    const logged: string[] = [];
    const results = await runCases([broken, fast], {
      budgetMs: 100,
      core: {},
      log: (line) => logged.push(line),
    });
    expect(logged).toEqual(['running broken: throws', 'running fast: returns two metrics']);
    expect(results.map((r) => [r.name, r.error])).toEqual([
      ['broken', 'no simulator'],
      ['fast', undefined],
    ]);
    expect(formatTable(results).split('\n')).toEqual([
      'case    metric   value  unit',
      '------  ------  ------  ------------',
      'broken  error        -  no simulator',
      'fast    rate      1234  ops/s',
      'fast    budget  33.333  ms',
    ]);
    expect(toJson(results, { node: 'v20' })).toEqual({
      bench: 'a2a',
      node: 'v20',
      cases: {
        broken: { error: 'no simulator' },
        fast: { rate: { value: 1234, unit: 'ops/s' }, budget: { value: 100 / 3, unit: 'ms' } },
      },
    });
  });
});

describe('bench statistics', () => {
  it.each([
    [[5], 50, 5],
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[10, 20], 0, 10],
  ])('percentile(%j, %d) = %d by nearest rank', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('takes the mean of the middle two for an even median, NaN for no samples', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(percentile([], 95)).toBeNaN();
  });
});
