// HiGHS model-status codes (highs.constants.modelStatus) → our SolveStatus. Error-like codes map to null:
// the caller turns them into SolverFailed.
import type { SolveStatus } from './problem';

const NAMES: Record<number, string> = {
  0: 'notSet', 1: 'loadError', 2: 'modelError', 3: 'presolveError', 4: 'solveError', 5: 'postsolveError',
  6: 'empty', 7: 'optimal', 8: 'infeasible', 9: 'unboundedOrInfeasible', 10: 'unbounded', 11: 'objectiveBound',
  12: 'objectiveTarget', 13: 'timeLimit', 14: 'iterationLimit', 15: 'unknown', 16: 'solutionLimit', 17: 'interrupted',
};

export function modelStatusName(code: number): string {
  return NAMES[code] ?? `status${code}`;
}

export function toSolveStatus(code: number): SolveStatus | null {
  switch (code) {
    case 6: // empty model: nothing to optimise, the offset is optimal
    case 7: return 'optimal';
    case 8: return 'infeasible';
    case 10: return 'unbounded';
    case 11: return 'objectiveBound';
    case 12: // objective target (we never set one) behaves like a solution limit
    case 16: return 'solutionLimit';
    case 13: // a limit: the bound so far is still valid
    case 14: return 'timeLimit';
    case 17: return 'interrupted';
    default: return null; // 9 is resolved by re-solving without presolve; the rest are failures
  }
}
