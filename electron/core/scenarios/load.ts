import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseScenario, type Scenario } from '@shared/scenario';
import { err, ok, type Result } from '@shared/result';

/** A scenario file, read and validated. */
export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
}

/** Larger than any scenario a person writes (1000 steps fit in well under 1 MiB). */
const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** The files a path stands for: itself, or every `*.json` in a folder (not recursive), sorted. */
async function expand(path: string): Promise<Result<string[], string>> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return err(`${path}: cannot read: ${(error as Error).message}`);
  }
  if (!info.isDirectory()) return ok([path]);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    return err(`${path}: cannot list: ${(error as Error).message}`);
  }
  const files = names.filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) return err(`${path}: no *.json scenario files in this folder`);
  return ok(files.map((name) => join(path, name)));
}

async function load(file: string): Promise<Result<LoadedScenario, string>> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_SCENARIO_BYTES) {
      return err(`${file}: ${info.size} bytes, over the ${MAX_SCENARIO_BYTES}-byte limit`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    return err(`${file}: cannot read: ${(error as Error).message}`);
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) return err(`${file}: ${parsed.error.message}`);
  return ok({ file, scenario: parsed.value });
}

/**
 * Reads and validates the scenarios that `paths` name (files, or folders of `*.json`), in the
 * order given, each folder's files sorted. Every unreadable or invalid file is reported (one
 * line each, naming the file and, for an invalid one, the step index and field), not just the
 * first, so a whole pack can be fixed in one go.
 */
export async function loadScenarios(
  paths: readonly string[],
): Promise<Result<LoadedScenario[], string[]>> {
  const problems: string[] = [];
  const loaded: LoadedScenario[] = [];
  for (const path of paths) {
    const files = await expand(path);
    if (!files.ok) {
      problems.push(files.error);
      continue;
    }
    for (const file of files.value) {
      const scenario = await load(file);
      if (scenario.ok) loaded.push(scenario.value);
      else problems.push(scenario.error);
    }
  }
  return problems.length > 0 ? err(problems) : ok(loaded);
}
