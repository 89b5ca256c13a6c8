import { expect, test } from './fixtures';
import { ShellPage } from './pages/shell-page';

// The browser-mode host as a user meets it (web target only). The token, Origin, size and
// malformed-frame rules are pinned by vitest against a real server in electron/web.

test('a page opened without the token explains where to get it', async ({ shellPage, webHost }) => {
  const url = new URL(webHost.url);
  url.search = '';
  await shellPage.goto(url.toString());
  const shell = new ShellPage(shellPage);

  await expect(shell.root).toHaveAttribute('data-app-state', 'error');
  await expect(shell.startupError).toContainText('Open the exact URL that `a2a web`');
});

test('a page with a wrong token never connects, and the host logs the refusal', async ({
  shellPage,
  webHost,
}) => {
  const url = new URL(webHost.url);
  url.searchParams.set('token', 'wrong');
  await shellPage.goto(url.toString());
  const shell = new ShellPage(shellPage);

  await expect(shell.connection).toHaveAttribute('data-connection-state', /^(lost|reconnecting)$/);
  await expect(shell.root).toHaveAttribute('data-app-state', 'connecting');
  await expect.poll(() => webHost.stderr()).toContain('"status":401');
});

test('the page is served with a CSP that allows only its own WebSocket', async ({
  shellPage,
  webHost,
}) => {
  const response = await shellPage.request.get(webHost.url);
  const origin = new URL(webHost.url);
  expect(response.headers()['content-security-policy']).toContain(
    `connect-src ws://${origin.host} ws://localhost:${origin.port}`,
  );
});
