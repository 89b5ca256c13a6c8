export interface Stage {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly after?: readonly string[];
}
export interface StageResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'not run';
  readonly ms: number;
  readonly reason?: string;
}
export function runStages(
  stages: readonly Stage[],
  options: {
    concurrency: number;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    print: (text: string) => void;
    now?: () => number;
  },
): Promise<StageResult[]>;
export function formatSeconds(ms: number): string;
export function formatSummary(results: readonly StageResult[], totalMs: number): string;
