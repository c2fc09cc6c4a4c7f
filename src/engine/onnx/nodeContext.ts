// One ONNX node being normalised: its location for errors, and typed access to its attributes.
import { InvalidModel } from '../errors';
import type { ErrorLocation } from '../errors';
import { AttributeType, int64ToNumber } from './schema';
import type { AttributeMsg, NodeMsg } from './schema';
import { decodeTensor } from './tensors';
import type { ConstValue } from './values';

/** Replaces control characters (from damaged or hostile files) so names are safe in one-line messages. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, '?');
}

export class NodeContext {
  readonly location: ErrorLocation;
  private readonly attributes = new Map<string, AttributeMsg>();

  constructor(
    readonly node: NodeMsg,
    readonly index: number,
    readonly file: string,
  ) {
    // Many exporters leave node names empty; the first output name still identifies the node.
    const nodeName = node.name !== '' ? printable(node.name) : `<unnamed, output '${printable(node.output[0] ?? '')}'>`;
    this.location = { file, nodeName, opType: printable(node.op_type), nodeIndex: index };
    for (const a of node.attribute) this.attributes.set(a.name, a);
  }

  /** The operator name, safe to show (control characters from a damaged file are replaced). */
  get opType(): string {
    return printable(this.node.op_type);
  }

  has(name: string): boolean {
    return this.attributes.has(name);
  }

  int(name: string, fallback: number): number {
    const a = this.attributes.get(name);
    if (a === undefined) return fallback;
    this.expectType(a, AttributeType.INT, 'INT');
    return int64ToNumber(a.i);
  }

  float(name: string, fallback: number): number {
    const a = this.attributes.get(name);
    if (a === undefined) return fallback;
    this.expectType(a, AttributeType.FLOAT, 'FLOAT');
    return a.f;
  }

  ints(name: string): number[] | undefined {
    const a = this.attributes.get(name);
    if (a === undefined) return undefined;
    this.expectType(a, AttributeType.INTS, 'INTS');
    return a.ints.map(int64ToNumber);
  }

  floats(name: string): number[] | undefined {
    const a = this.attributes.get(name);
    if (a === undefined) return undefined;
    this.expectType(a, AttributeType.FLOATS, 'FLOATS');
    return a.floats.slice();
  }

  tensor(name: string): ConstValue | undefined {
    const a = this.attributes.get(name);
    if (a === undefined) return undefined;
    this.expectType(a, AttributeType.TENSOR, 'TENSOR');
    if (!a.t) throw new InvalidModel(`attribute '${name}' has no tensor`, this.location);
    return decodeTensor(a.t, this.location);
  }

  /** Names of the attributes present, for refusing ones we do not implement. */
  attributeNames(): string[] {
    return [...this.attributes.keys()];
  }

  private expectType(a: AttributeMsg, type: number, typeName: string): void {
    // IR version 1 files may omit the type field; accept UNDEFINED and trust the field in use.
    if (a.type !== type && a.type !== 0) {
      throw new InvalidModel(`attribute '${a.name}' should be ${typeName}, found type ${a.type}`, this.location);
    }
  }
}
