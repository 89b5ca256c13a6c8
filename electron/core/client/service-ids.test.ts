import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileServiceIds, memoryServiceIds } from './service-ids';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'a2a-ids-'));
  dirs.push(dir);
  return dir;
}

describe('ServiceID sources', () => {
  it('never repeats an id across restarts of a file-backed source', async () => {
    const path = join(await tempDir(), 'ids.json');
    const seen = new Set<string>();
    for (let restart = 0; restart < 5; restart++) {
      const source = fileServiceIds(path, () => Date.UTC(2026, 0, 1));
      if (!source.ok) throw new Error(source.error);
      for (let i = 0; i < 1500; i++) {
        const id = source.value.next();
        expect(id).toMatch(/^[0-9A-Z]{1,10}$/);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(7500);
  });

  it('rejects a corrupt state file instead of guessing', async () => {
    const path = join(await tempDir(), 'ids.json');
    await writeFile(path, '{"version":1,"reservedUntil":-5}');
    const source = fileServiceIds(path);
    expect(source.ok).toBe(false);
  });

  it('hands out distinct ids from memory', () => {
    const source = memoryServiceIds();
    const ids = Array.from({ length: 100 }, () => source.next());
    expect(new Set(ids).size).toBe(100);
  });
});
