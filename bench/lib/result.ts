/**
 * One benchmark figure: the shape every bench section returns and bench/run.ts writes to
 * bench/results.json (bench/readme-table.ts renders it).
 */
export interface BenchResult {
  name: string;
  /** null when the case could not be measured (the details say why). */
  value: number | null;
  unit: string;
  target?: string;
  pass?: boolean;
  details?: Record<string, unknown>;
}
