import { expect, test } from 'app2app-harness/playwright';

// The harness plays a `nexo`-profile payment application that answers BUSY while it starts, and
// runs the built-in "busy-at-start" checklist item as soon as it listens.
test.use({ harnessOptions: { profile: 'nexo', scenario: 'busy-at-start' } });

test('the BUSY-at-start checklist item passes, every verdict with it', async ({ harness }) => {
  const result = await harness.result();

  expect(result).toMatchObject({ name: 'busy-at-start', pass: true });
  expect(result.verdicts.length).toBeGreaterThan(0);
  expect(result.verdicts.filter((verdict) => !verdict.pass)).toEqual([]);
});
