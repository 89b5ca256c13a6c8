import { expect, test } from './fixtures';
import { packageVersion } from './support/paths';

// Runs on both targets: the same shell, whichever transport carries the HarnessApi.

test('the shell loads and shows the version the core reported', async ({ shell }) => {
  await shell.waitUntilReady();

  await expect(shell.title).toHaveText('App2App Harness');
  expect(await shell.version()).toBe(packageVersion());
  await expect(shell.connection).toHaveText('Core connection: Connected');
  await expect(shell.fact('Started').locator('time')).toHaveAttribute(
    'datetime',
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  );
});

test('the core event stream reaches the page', async ({ shell }) => {
  await shell.waitUntilReady();
  await expect(shell.fact('Event stream')).toHaveText(/^Live since /);
});
