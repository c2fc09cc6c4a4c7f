// The JSON the in-host suite writes per phase; the launcher (test/integration/host) reads it for the totals.
export interface TestOutcome {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly millis?: number;
  readonly error?: string;
}

export interface PhaseResults {
  readonly phase: number;
  readonly tests: TestOutcome[];
}
