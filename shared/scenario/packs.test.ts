import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import type { Scenario } from './schema';

const folder = resolve(import.meta.dirname, '../../resources/scenarios');
const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

function load(file: string): Scenario {
  const result = parseScenario(readFileSync(join(folder, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.value;
}

describe('the built-in scenario packs', () => {
  it.each(files)('%s is a valid scenario named after its file', (file) => {
    const scenario = load(file);
    expect(`${scenario.name}.json`).toBe(file);
    expect(scenario.description).toMatch(/^Certification item: /);
  });

  it('are at least 16, with unique names', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
    const names = files.map((file) => load(file).name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('cover every case DESIGN §8 and README "Built-in packs" list', () => {
    const names = new Set(files.map((file) => load(file).name));
    for (const name of [
      'login-first',
      'busy-at-start',
      'busy-beyond-cap',
      'update-while-idle',
      'restart-while-idle',
      'client-restart-while-idle',
      'link-drop-while-idle',
      'logout-then-pay',
      'silent-session-reset',
      'restart-during-payment',
      'link-drop-during-payment',
      'approve-then-drop',
      'abort-before-authorisation',
      'abort-after-authorisation',
      'second-request-during-payment',
      'duplicate-service-id',
      'invalid-sale-reference',
      'currency-mismatch',
      'status-of-unknown-payment',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('each end by judging the trace', () => {
    for (const file of files) {
      const last = load(file).steps.at(-1);
      expect(last?.kind, file).toBe('expectVerdicts');
    }
  });
});
