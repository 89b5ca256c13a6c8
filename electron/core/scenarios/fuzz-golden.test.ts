import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSchedule } from './fuzz';
import { generateSchedule } from './fuzz-schedule';
import { blindResendManager } from './testing/blind-resend-manager';
import type { ScenarioResult } from './types';

/**
 * Fixed seeds' whole results as a build before a speed pass gave them: work that makes a run
 * cheaper must leave every verdict, step, ledger row and trace byte as it was (README
 * "Performance: last measured values"). The outcome, failures, event count and duration are held
 * as they are, so a difference names the seed; the steps, verdicts, ledger and trace text as
 * one hash. A deliberate change of behaviour rewrites the
 * file with `A2A_WRITE_FUZZ_GOLDEN=1 npx vitest run electron/core/scenarios/fuzz-golden.test.ts`.
 */
const GOLDEN = join(import.meta.dirname, 'testing', 'fuzz-golden.json');
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

interface Golden {
  readonly seed: number;
  readonly pos: 'reference' | 'blind-resend';
  readonly pass: boolean;
  readonly failures: readonly string[];
  readonly events: number;
  readonly durationMs: number;
  /** Of the steps, the verdicts, the ledger and the trace text together. */
  readonly sha256: string;
}

function golden(seed: number, pos: Golden['pos'], result: ScenarioResult): Golden {
  const whole = JSON.stringify([result.steps, result.verdicts, result.ledger, result.trace.text]);
  return {
    seed,
    pos,
    pass: result.pass,
    failures: result.failures,
    events: result.trace.events,
    durationMs: result.durationMs,
    sha256: createHash('sha256').update(whole).digest('hex'),
  };
}

async function play(): Promise<Golden[]> {
  const all: Golden[] = [];
  for (const seed of SEEDS) {
    all.push(golden(seed, 'reference', await runSchedule(generateSchedule(seed))));
    // A POS that breaks the rules, so failing runs and their verdict texts are held too.
    const blind = await runSchedule(generateSchedule(seed), blindResendManager);
    all.push(golden(seed, 'blind-resend', blind));
  }
  return JSON.parse(JSON.stringify(all)) as Golden[];
}

describe('fuzz runs of fixed seeds', () => {
  it('give the same whole results as the build the golden file came from', async () => {
    const now = await play();
    if (process.env.A2A_WRITE_FUZZ_GOLDEN === '1') {
      writeFileSync(GOLDEN, JSON.stringify(now, null, 1) + '\n');
    }
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden[];
    // Failing runs are part of the set, or the comparison would say nothing about them.
    expect(expected.some((g) => !g.pass)).toBe(true);
    expect(now.length).toBe(expected.length);
    for (const [i, want] of expected.entries()) expect(now[i]).toEqual(want);
  }, 60_000);
});
