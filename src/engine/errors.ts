// Typed engine errors. Each names what is at fault (file, node, line, argument) so a user can fix it.
import type { ResultWith } from '../shared/results';

export type EngineErrorCode =
  | 'InvalidModel'
  | 'UnsupportedOperator'
  | 'ShapeMismatch'
  | 'NonFiniteWeight'
  | 'ModelTooLarge'
  | 'InvalidDomain'
  | 'InvalidArgument'
  | 'SolverFailed'
  | 'Cancelled'
  | 'WitnessRejected';

/** Where an error points: a file, and optionally an ONNX node or a source line. */
export interface ErrorLocation {
  readonly file?: string;
  readonly nodeName?: string;
  readonly opType?: string;
  readonly nodeIndex?: number;
  readonly line?: number;
}

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
    this.name = code;
  }

  /** One line for a terminal or a diagnostic: "<file>: node 'n' (Op, #i): message". */
  describe(): string {
    const where: string[] = [];
    if (this.location.file) where.push(this.location.file);
    if (this.location.nodeName !== undefined || this.location.opType !== undefined) {
      where.push(`node '${this.location.nodeName ?? ''}' (${this.location.opType ?? '?'}, #${this.location.nodeIndex ?? '?'})`);
    }
    if (this.location.line !== undefined) where.push(`line ${this.location.line}`);
    return where.length > 0 ? `${where.join(': ')}: ${this.message}` : this.message;
  }

  toJSON(): { code: EngineErrorCode; message: string; location: ErrorLocation } {
    return { code: this.code, message: this.message, location: this.location };
  }
}

export class InvalidModel extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('InvalidModel', message, location); }
}
export class UnsupportedOperator extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('UnsupportedOperator', message, location); }
}
export class ShapeMismatch extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('ShapeMismatch', message, location); }
}
export class NonFiniteWeight extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('NonFiniteWeight', message, location); }
}
export class ModelTooLarge extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('ModelTooLarge', message, location); }
}
export class InvalidDomain extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('InvalidDomain', message, location); }
}
export class InvalidArgument extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('InvalidArgument', message, location); }
}
export class SolverFailed extends EngineError {
  constructor(message: string, location: ErrorLocation = {}) { super('SolverFailed', message, location); }
}
export class Cancelled extends EngineError {
  /** What the query had found when it was stopped (dispatchQuery sets it): its bounds as 'unresolved', or a verified pair. */
  partial?: ResultWith<'unresolved' | 'counterexample'>;
  constructor(message = 'cancelled', location: ErrorLocation = {}) { super('Cancelled', message, location); }
}

/** Throws Cancelled when the signal has fired: call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}
