import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioCatalogue, ScenarioInfo } from '@shared/ipc';
import type { Scenario } from '@shared/scenario';
import { loadScenarios } from '../scenarios/load';

/** Where the scenarios panel finds its scenarios. */
export interface CatalogueOptions {
  /** Folders of `*.json` or files: the built-in packs. */
  readonly builtIn: readonly string[];
  /** Files (or folders) given at start-up, e.g. `a2a web --scenario PATH`. */
  readonly custom: readonly string[];
  /** Problems known before reading anything (e.g. the built-in packs were not found). */
  readonly problems?: readonly string[];
}

/** One scenario of the catalogue with what the panel shows about it. */
export interface CatalogueEntry {
  readonly info: ScenarioInfo;
  readonly scenario: Scenario;
}

/** The scenarios the core can run, read once on first use (the files do not change under a run). */
export interface ScenarioCatalogueStore {
  /** The catalogue as `scenarios:list` answers it. */
  list(): Promise<ScenarioCatalogue>;
  /** Every entry, in list order. */
  entries(): Promise<readonly CatalogueEntry[]>;
}

/** The files a path stands for: itself, or every `*.json` in a folder (not recursive), sorted. */
async function filesOf(path: string): Promise<{ files: string[]; problem?: string }> {
  try {
    if (!(await stat(path)).isDirectory()) return { files: [path] };
    const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
    return { files: names.map((name) => join(path, name)) };
  } catch (error) {
    return { files: [], problem: `${path}: cannot read: ${(error as Error).message}` };
  }
}

function infoOf(scenario: Scenario, source: ScenarioInfo['source']): ScenarioInfo {
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.description,
    tags: scenario.tags,
    profile: scenario.profile,
    steps: scenario.steps.length,
    source,
  };
}

async function load(options: CatalogueOptions): Promise<{
  entries: CatalogueEntry[];
  problems: string[];
}> {
  const problems: string[] = [...(options.problems ?? [])];
  const byName = new Map<string, CatalogueEntry>();
  const groups = [
    { paths: options.builtIn, source: 'builtIn' as const },
    { paths: options.custom, source: 'custom' as const },
  ];
  for (const { paths, source } of groups) {
    for (const path of paths) {
      const { files, problem } = await filesOf(path);
      if (problem !== undefined) problems.push(problem);
      // One file at a time, so one broken file does not hide the rest of its pack.
      for (const file of files) {
        const loaded = await loadScenarios([file]);
        if (!loaded.ok) {
          problems.push(...loaded.error);
          continue;
        }
        for (const { scenario } of loaded.value) {
          const known = byName.get(scenario.name);
          if (known !== undefined)
            problems.push(
              `${file}: scenario "${scenario.name}" is listed already (${known.info.source}); this file replaces it`,
            );
          byName.set(scenario.name, { info: infoOf(scenario, source), scenario });
        }
      }
    }
  }
  return { entries: [...byName.values()], problems };
}

/** A catalogue over the given folders and files. */
export function createScenarioCatalogue(options: CatalogueOptions): ScenarioCatalogueStore {
  let loading: ReturnType<typeof load> | undefined;
  const loaded = (): ReturnType<typeof load> => (loading ??= load(options));
  return {
    async list() {
      const { entries, problems } = await loaded();
      return { scenarios: entries.map((entry) => entry.info), problems };
    },
    async entries() {
      return (await loaded()).entries;
    },
  };
}
