export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}
export interface CaseContext {
  readonly budgetMs: number;
  readonly core: unknown;
  readonly log: (line: string) => void;
}
export interface BenchCase {
  readonly name: string;
  readonly description: string;
  run(ctx: CaseContext): Promise<Metric[]>;
}
export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly metrics: Metric[];
  readonly error?: string;
}
export function selectCases(
  cases: readonly BenchCase[],
  names: readonly string[],
): { ok: true; value: BenchCase[] } | { ok: false; error: string };
export function runCases(
  cases: readonly BenchCase[],
  context: Omit<CaseContext, 'log'> & { log?: (line: string) => void },
): Promise<CaseResult[]>;
export function formatTable(results: readonly CaseResult[]): string;
export function toJson(
  results: readonly CaseResult[],
  meta: Record<string, unknown>,
): Record<string, unknown> & { cases: Record<string, unknown> };
