import { describe, expect, it } from 'vitest';
import {
  createServiceIdGenerator,
  parseServiceIdState,
  type ServiceIdGenerator,
  type ServiceIdState,
} from './service-id';

/** Draws `count` ids, persisting every state the generator hands out (as the core does). */
function draw(
  generator: ServiceIdGenerator,
  count: number,
  store: { saved: ServiceIdState | undefined },
): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id, persist } = generator.next();
    if (persist) store.saved = JSON.parse(JSON.stringify(persist)) as ServiceIdState;
    ids.push(id);
  }
  return ids;
}

describe('ServiceID generator', () => {
  it('never repeats across restarts and crashes, and every id is 1–10 alphanumerics', () => {
    const store: { saved: ServiceIdState | undefined } = { saved: undefined };
    const seen = new Set<string>();
    // Ten runs of 1000 ids each; run lengths cut blocks mid-way, as a crash would.
    for (const count of [1000, 1, 999, 1500, 3, 3000, 1497, 1000, 1, 999]) {
      const restored = store.saved ? parseServiceIdState(store.saved) : undefined;
      if (restored && !restored.ok) throw new Error(restored.error);
      const generator = createServiceIdGenerator(restored?.value, { blockSize: 250 });
      for (const id of draw(generator, count, store)) {
        expect(id).toMatch(/^[0-9A-Z]{1,10}$/);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(10_000);
  });

  it('asks to persist before the first id of every block', () => {
    const generator = createServiceIdGenerator(undefined, { blockSize: 3 });
    const persisted = Array.from({ length: 7 }, () => generator.next().persist?.reservedUntil);
    expect(persisted).toEqual([4, undefined, undefined, 7, undefined, undefined, 10]);
    expect(generator.state()).toEqual({ version: 1, reservedUntil: 10 });
  });

  it('resumes after the reserved block, not after the last id used', () => {
    const first = createServiceIdGenerator(undefined, { blockSize: 100 });
    const { id, persist } = first.next();
    expect(id).toBe('1');
    const second = createServiceIdGenerator(persist, { blockSize: 100 });
    expect(second.next().id).toBe((101).toString(36).toUpperCase());
  });

  it('can start from a caller-chosen counter when no state exists', () => {
    const generator = createServiceIdGenerator(undefined, { start: 36 ** 9 });
    expect(generator.next().id).toBe('1000000000');
  });

  it('stops instead of growing past 10 characters', () => {
    const generator = createServiceIdGenerator({ version: 1, reservedUntil: 36 ** 10 - 1 });
    expect(generator.next().id).toBe('ZZZZZZZZZZ');
    expect(() => generator.next()).toThrow(RangeError);
  });

  it('refuses a malformed saved state', () => {
    expect(parseServiceIdState({ version: 2, reservedUntil: 5 }).ok).toBe(false);
    expect(parseServiceIdState({ version: 1, reservedUntil: -1 }).ok).toBe(false);
    expect(parseServiceIdState('garbage').ok).toBe(false);
    expect(parseServiceIdState({ version: 1, reservedUntil: 5 })).toEqual({
      ok: true,
      value: { version: 1, reservedUntil: 5 },
    });
  });
});
