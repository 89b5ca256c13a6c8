import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type ScenarioInput } from '@shared/scenario';
import { DEFAULT_SIMULATOR_SETTINGS } from '@shared/simulator/profiles';
import { parseTrace } from '@shared/trace/reader';
import { runCheckers } from '@shared/trace/checkers';
import { createSimulator, type Simulator } from '../simulator';
import { loadTlsIdentity } from '../simulator/tls-identity';
import { RealClock } from '../time/real-clock';
import { runScenario } from './run-scenario';
import { blindResendManager } from './testing/blind-resend-manager';
import type { ScenarioResult } from './types';

const packs = resolve(import.meta.dirname, '../../../resources/scenarios');
const packFiles = readdirSync(packs).filter((file) => file.endsWith('.json'));

function pack(name: string): Scenario {
  const parsed = parseScenario(readFileSync(join(packs, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function scenario(input: Partial<ScenarioInput> & Pick<ScenarioInput, 'steps'>): Scenario {
  const parsed = parseScenario(
    JSON.stringify({
      format: 'a2a-scenario',
      version: 1,
      name: 'test-scenario',
      title: 'A test scenario',
      description: 'Made up by a test.',
      simulator: { initMs: 0, cardMs: 100, authMs: 100 },
      ...input,
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** What must not differ between two runs of a scenario: every step's status and message. */
function story(result: ScenarioResult) {
  return result.steps.map(({ index, status, message }) => ({ index, status, message }));
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-runner-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('every built-in scenario against the reference client, in virtual time', () => {
  it.each(packFiles)('%s passes', async (file) => {
    const result = await runScenario(pack(file.replace(/\.json$/, '')), { timeMode: 'virtual' });
    expect(result.failures).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.steps.every((step) => step.status === 'passed')).toBe(true);
    expect(result.peer).toBe('embedded');
    expect(result.ledger).toBeDefined();
  });
});

describe('runScenario', () => {
  it('writes the trace of the run, judged the same by a2a check', async () => {
    const result = await runScenario(pack('approve-then-drop'), {
      timeMode: 'virtual',
      traceDir: join(folder, 'traces'),
      seed: 9,
    });
    expect(result.trace.path).toBe(join(folder, 'traces', 'approve-then-drop.jsonl'));
    const text = await readFile(result.trace.path ?? '', 'utf8');
    expect(text).toBe(result.trace.text);
    const parsed = parseTrace(text);
    if (!parsed.ok) throw new Error(parsed.error.reason);
    expect(parsed.value.header).toMatchObject({
      role: 'scenario',
      scenario: 'approve-then-drop',
      seed: 9,
      policy: { paymentTimeoutMs: 3000 },
    });
    expect(parsed.value.events).toHaveLength(result.trace.events);
    expect(runCheckers(parsed.value)).toEqual(result.verdicts);
    expect(result.verdicts.every((v) => v.pass)).toBe(true);
    // Recovered through status: exactly one approval in the ledger, and the story is in order.
    expect(result.ledger?.filter((e) => e.result === 'approved')).toHaveLength(1);
    const kinds = parsed.value.events.map((e) => e.kind);
    expect(kinds).toContain('timeout');
    expect(kinds.indexOf('fault')).toBeLessThan(kinds.indexOf('timeout'));
  });

  it('gives the same result and the same trace for the same seed', async () => {
    const first = await runScenario(pack('link-drop-during-payment'), { timeMode: 'virtual' });
    const second = await runScenario(pack('link-drop-during-payment'), { timeMode: 'virtual' });
    expect(second.trace.text).toBe(first.trace.text);
    expect(story(second)).toEqual(story(first));
  });

  it('reports the failing step with its index and skips the rest', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { kind: 'pay', id: 'p1', amount: '1.24' },
          { kind: 'expectOutcome', of: 'p1', outcome: 'approved' },
          { kind: 'expectVerdicts' },
        ],
      }),
      { timeMode: 'virtual' },
    );
    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([
      'step 1 (expect p1 approved): p1 ended declined, expected approved',
    ]);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[0]?.message).toBe('declined (Refusal)');
    expect(result.steps[2]?.message).toBe('skipped: step 1 failed');
    // The run still ends cleanly and is judged.
    expect(result.verdicts.every((v) => v.pass)).toBe(true);
  });

  it('judges the whole trace when a scenario states no verdicts', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { kind: 'waitFor', session: 'ready' },
          { kind: 'send', category: 'TransactionStatus', serviceId: 'SAME1' },
          { kind: 'send', category: 'TransactionStatus', serviceId: 'SAME1' },
        ],
      }),
      { timeMode: 'virtual' },
    );
    expect(result.steps.every((s) => s.status === 'passed')).toBe(true);
    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([
      expect.stringMatching(/^verdicts: unique-service-ids failed: /),
    ]);
  });

  it('fails a wait for a session state that never comes, naming the state it is in', async () => {
    const result = await runScenario(
      scenario({
        policy: { loginOnStart: false },
        steps: [{ kind: 'waitFor', session: 'ready', timeoutMs: 5000 }],
      }),
      { timeMode: 'virtual' },
    );
    expect(result.failures).toEqual([
      'step 0 (wait for session ready): the session did not reach ready within 5000 ms (it is linked: link open)',
    ]);
    expect(result.durationMs).toBe(5000);
  });

  it("stops at the scenario's own time limit", async () => {
    const result = await runScenario(
      scenario({
        timeoutMs: 1000,
        steps: [{ kind: 'wait', ms: 400 }, { kind: 'wait', ms: 5000 }, { kind: 'login' }],
      }),
      { timeMode: 'virtual' },
    );
    expect(result.failures).toEqual([
      "step 1 (wait 5000 ms): the scenario's time limit of 1000 ms was reached",
    ]);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
  });

  it('refuses to reverse when nothing was approved', async () => {
    const result = await runScenario(scenario({ steps: [{ kind: 'reverse', id: 'r1' }] }), {
      timeMode: 'virtual',
    });
    expect(result.failures).toEqual([
      'step 0 (reverse last approved [r1]): no payment of this run was approved and left unreversed, nothing to reverse',
    ]);
  });

  it('catches a POS that resends a lost payment blindly', async () => {
    const result = await runScenario(pack('approve-then-drop'), {
      timeMode: 'virtual',
      createManager: blindResendManager,
    });
    expect(result.pass).toBe(false);
    const failing = new Set(result.verdicts.filter((v) => !v.pass).map((v) => v.checker));
    expect(failing).toEqual(new Set(['status-before-payment-retry', 'no-double-charge']));
    expect(result.ledger?.filter((e) => e.saleTransactionId === 'ATD1')).toHaveLength(2);
  });
});

describe('runScenario in real time', () => {
  /** Short simulator timings, so a real-time run takes a moment. */
  function quick(name: string): Scenario {
    const loaded = pack(name);
    return { ...loaded, simulator: { ...loaded.simulator, initMs: 50, cardMs: 20, authMs: 20 } };
  }

  it.each(['login-first', 'reverse-last-payment', 'link-drop-while-idle'])(
    '%s gives the same results as in virtual time',
    async (name) => {
      const real = await runScenario(quick(name), { timeMode: 'real' });
      const virtual = await runScenario(quick(name), { timeMode: 'virtual' });
      expect(real.failures).toEqual([]);
      expect(story(real)).toEqual(story(virtual));
      expect(real.verdicts.map((v) => [v.checker, v.pass])).toEqual(
        virtual.verdicts.map((v) => [v.checker, v.pass]),
      );
      expect(real.timeMode).toBe('real');
    },
    20_000,
  );
});

// The real-time runs below spend their time waiting on the packs' timers, not computing: each
// brings up its own simulator on port 0, so they run side by side (README "Testing").
describe.concurrent('every built-in scenario over nexo over TCP, in real time', () => {
  /**
   * The pack's own timings; where it leaves the payment phases to the defaults, shorter ones that
   * keep every wait of the packs inside a payment, so the whole set takes a minute or two.
   */
  function quick(name: string): Scenario {
    const loaded = pack(name);
    return { ...loaded, simulator: { cardMs: 600, authMs: 300, ...loaded.simulator } };
  }

  it.each(packFiles.map((file) => file.replace(/\.json$/, '')))(
    '%s passes over TCP with the same story as in virtual time',
    async (name) => {
      const tcp = await runScenario(quick(name), { timeMode: 'real', wire: 'tcp' });
      expect(tcp.failures).toEqual([]);
      const virtual = await runScenario(quick(name), { timeMode: 'virtual' });
      expect(story(tcp)).toEqual(story(virtual));
      // The POS's links were TCP links.
      const links = tcp.trace.text.split('\n').filter((line) => line.includes('"kind":"link"'));
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((line) => line.includes('"wire":"tcp"'))).toBe(true);
    },
    30_000,
  );
});

describe.concurrent('every built-in scenario over the Local API (HTTP), in real time', () => {
  /** As over TCP: the pack's own timings, shorter payment phases where it leaves the defaults. */
  function quick(name: string): Scenario {
    const loaded = pack(name);
    return { ...loaded, simulator: { cardMs: 600, authMs: 300, ...loaded.simulator } };
  }

  it.each(packFiles.map((file) => file.replace(/\.json$/, '')))(
    '%s passes over HTTP with the same story as in virtual time',
    async (name) => {
      const http = await runScenario(quick(name), { timeMode: 'real', wire: 'local-api' });
      expect(http.failures).toEqual([]);
      const virtual = await runScenario(quick(name), { timeMode: 'virtual' });
      expect(story(http)).toEqual(story(virtual));
      // The POS's links were Local API links, and its frames name their HTTP exchange.
      const lines = http.trace.text.split('\n');
      const links = lines.filter((line) => line.includes('"kind":"link"'));
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((line) => line.includes('"wire":"local-api"'))).toBe(true);
      expect(http.trace.text).toContain(
        '"http":{"method":"POST","resource":"/login","status":200}',
      );
    },
    30_000,
  );
});

describe.concurrent(
  'every built-in scenario over the Terminal API, encrypted, in real time',
  () => {
    const key = { keyIdentifier: 'scenarioKey', keyVersion: 1, passphrase: 'scenario passphrase' };
    let tlsDir: string;
    beforeAll(async () => {
      // One TLS identity for every pack, made before the runs that share it start side by side.
      tlsDir = await mkdtemp(join(tmpdir(), 'a2a-runner-tls-'));
      const identity = await loadTlsIdentity(tlsDir, DEFAULT_SIMULATOR_SETTINGS.poiId);
      if (!identity.ok) throw new Error(identity.error);
    });
    afterAll(async () => {
      await rm(tlsDir, { recursive: true, force: true });
    });

    function quick(name: string): Scenario {
      const loaded = pack(name);
      return { ...loaded, simulator: { cardMs: 600, authMs: 300, ...loaded.simulator } };
    }

    it.each(packFiles.map((file) => file.replace(/\.json$/, '')))(
      '%s passes over HTTPS with NexoCrypto with the same story as in virtual time',
      async (name) => {
        const https = await runScenario(quick(name), {
          timeMode: 'real',
          wire: 'terminal-api',
          terminalApi: { key, dataDir: tlsDir },
        });
        expect(https.failures).toEqual([]);
        const virtual = await runScenario(quick(name), { timeMode: 'virtual' });
        expect(story(https)).toEqual(story(virtual));
        // Every message the POS saw travelled encrypted over the Terminal API wire.
        const messages = https.trace.text.split('\n').filter((l) => l.includes('"kind":"message"'));
        expect(messages.length).toBeGreaterThan(0);
        expect(
          messages.every(
            (l) => l.includes('"wire":"terminal-api"') && l.includes('"encrypted":true'),
          ),
        ).toBe(true);
        expect(https.trace.text).not.toContain(key.passphrase);
      },
      60_000,
    );
  },
);

describe('runScenario against an external endpoint', () => {
  let simulator: Simulator;
  let url: string;
  beforeEach(async () => {
    simulator = createSimulator({
      clock: new RealClock(),
      settings: { initMs: 0, cardMs: 20, authMs: 20 },
    });
    url = (await simulator.listen({ port: 0 })).nexoUrl;
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('runs the operations and judges the trace', async () => {
    const result = await runScenario(pack('login-first'), { timeMode: 'real', endpoint: url });
    // The ledger expectation needs the simulator: it fails clearly instead of passing silently.
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed', 'skipped']);
    expect(result.failures).toEqual([
      `step 2 (expect ledger of p1): needs the embedded simulator (this run talks to the external endpoint ${url})`,
    ]);
    expect(result.peer).toBe('external');
    expect(result.ledger).toBeUndefined();
    // The external terminal did approve it.
    expect(simulator.ledger()).toHaveLength(1);
  });

  it('fails a simulator fault clearly, but plays a client restart', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { kind: 'waitFor', session: 'ready' },
          { kind: 'fault', fault: 'restartClient' },
          { kind: 'waitFor', session: 'ready' },
          { kind: 'fault', fault: 'restart' },
        ],
      }),
      { timeMode: 'real', endpoint: url },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(result.failures[0]).toMatch(/^step 3 \(fault restart\): needs the embedded simulator/);
    expect(simulator.state().lifecycle).toBe('ready');
  });

  it('cannot run an external endpoint in virtual time', async () => {
    await expect(
      runScenario(pack('login-first'), { timeMode: 'virtual', endpoint: url }),
    ).rejects.toThrow(/real time/);
  });
});
