import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '@shared/time/virtual-clock';
import { seededRandom } from '@shared/time/random';
import type { Refusal } from './http-front';
import { createSimulator, type ListenOptions, type Listening, type Simulator } from './simulator';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function listen(
  options: Omit<ListenOptions, 'onRefused'> = {},
): Promise<{ listening: Listening; refusals: Refusal[] }> {
  sim = createSimulator({ clock: new VirtualClock(), random: seededRandom(3) });
  const refusals: Refusal[] = [];
  const listening = await sim.listen({ ...options, onRefused: (r) => refusals.push(r) });
  return { listening, refusals };
}

/** Sends a WebSocket upgrade with exactly these headers; resolves to 101 or the refusal status. */
function upgrade(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the link door of /nexo', () => {
  it('lets a POS without Origin in by any loopback name of its own address', async () => {
    const { listening, refusals } = await listen();
    const port = String(listening.port);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect(await upgrade(listening.port, '/nexo', { Host: host })).toEqual({
        status: 101,
        body: '',
      });
    }
    expect(refusals).toEqual([]);
  });

  it('refuses a foreign Origin (403) and lets an allowed one in', async () => {
    const { listening, refusals } = await listen({
      door: { allowOrigins: ['http://pos.example:8080'] },
    });
    const host = `127.0.0.1:${String(listening.port)}`;
    const foreign = await upgrade(listening.port, '/nexo', {
      Host: host,
      Origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatch(/Origin "http:\/\/evil.example" is not allowed/);
    expect(
      (await upgrade(listening.port, '/nexo', { Host: host, Origin: 'http://pos.example:8080' }))
        .status,
    ).toBe(101);
    expect(refusals).toEqual([
      expect.objectContaining({ status: 403, path: '/nexo', remote: '127.0.0.1' }),
    ]);
  });

  it('refuses a Host that is not its address (421): DNS rebinding, a wrong port, none at all', async () => {
    const { listening, refusals } = await listen();
    for (const host of ['evil.example', `evil.example:${String(listening.port)}`, '127.0.0.1:1']) {
      const answer = await upgrade(listening.port, '/nexo', { Host: host });
      expect(answer.status).toBe(421);
      expect(answer.body).toMatch(/foreign Host/);
    }
    expect(refusals.map((r) => r.status)).toEqual([421, 421, 421]);
  });

  it('with a link token, refuses a missing or wrong one (401) and takes it as bearer or query', async () => {
    const { listening, refusals } = await listen({ door: { linkToken: 's3cret' } });
    const host = `127.0.0.1:${String(listening.port)}`;
    expect((await upgrade(listening.port, '/nexo', { Host: host })).body).toMatch(/no link token/);
    expect(await upgrade(listening.port, '/nexo?token=guess', { Host: host })).toMatchObject({
      status: 401,
      body: expect.stringMatching(/wrong link token/) as unknown,
    });
    expect(
      (await upgrade(listening.port, '/nexo', { Host: host, Authorization: 'Bearer s3cre' }))
        .status,
    ).toBe(401);
    expect(
      (await upgrade(listening.port, '/nexo', { Host: host, Authorization: 'Bearer s3cret' }))
        .status,
    ).toBe(101);
    expect((await upgrade(listening.port, '/nexo?token=s3cret', { Host: host })).status).toBe(101);
    expect(refusals.map((r) => [r.status, r.reason])).toEqual([
      [401, 'no link token'],
      [401, 'wrong link token'],
      [401, 'wrong link token'],
    ]);
  });

  it('the control API refuses a foreign Host too', async () => {
    const { listening, refusals } = await listen();
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: listening.port,
        path: '/control/state',
        headers: { Host: 'evil.example', Authorization: `Bearer ${listening.token}` },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toBe(421);
    expect(refusals).toEqual([expect.objectContaining({ path: '/control/state', status: 421 })]);
  });
});
