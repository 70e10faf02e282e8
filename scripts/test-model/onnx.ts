// A small ONNX writer: the part of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto)
// that a graph of plain operators needs, encoded with protobufjs. Field numbers are ONNX's own.
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
package onnx;
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  string name = 8;
  bytes raw_data = 9;
}
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  int32 type = 20;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

export const FLOAT = 1;
export const UINT8 = 2;
export const INT8 = 3;
export const INT32 = 6;
export const INT64 = 7;
const ATTR = { FLOAT: 1, INT: 2, FLOATS: 6, INTS: 7 } as const;

export type Attr = number | number[] | { float: number } | { floats: number[] };
type Dim = number | string;

interface Node { op_type: string; input: string[]; output: string[]; name: string; attribute: object[] }

/** Builds one graph: constants become initializers, every op gets a unique output name. */
export class GraphBuilder {
  private nodes: Node[] = [];
  private inits: object[] = [];
  private inputs: object[] = [];
  private outputs: object[] = [];
  private n = 0;

  input(name: string, elemType: number, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  output(name: string, from: string, elemType: number, shape: Dim[]): void {
    this.op('Identity', [from], {}, name);
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  /** A float constant of the given shape (row-major data). */
  const(data: ArrayLike<number>, dims: number[], name = `c${this.n++}`): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new Error(`constant ${name}: ${data.length} values for shape [${dims}]`);
    const raw = new Uint8Array(Float32Array.from(data).buffer);
    this.inits.push({ name, dims, data_type: FLOAT, raw_data: raw });
    return name;
  }

  /** A constant of any element type from its little-endian bytes (large weights: no copy into JS numbers). */
  raw(bytes: Uint8Array, dims: number[], dataType: number, name = `c${this.n++}`): string {
    this.inits.push({ name, dims, data_type: dataType, raw_data: bytes });
    return name;
  }

  ints(data: number[], name = `i${this.n++}`): string {
    this.inits.push({ name, dims: [data.length], data_type: INT64, int64_data: data });
    return name;
  }

  op(type: string, inputs: string[], attrs: Record<string, Attr> = {}, out = `${type.toLowerCase()}_${this.n++}`): string {
    const attribute = Object.entries(attrs).map(([name, a]) => attr(name, a));
    this.nodes.push({ op_type: type, input: inputs, output: [out], name: out, attribute });
    return out;
  }

  /** An op with several outputs (DynamicQuantizeLinear gives three). */
  ops(type: string, inputs: string[], count: number, attrs: Record<string, Attr> = {}): string[] {
    const base = `${type.toLowerCase()}_${this.n++}`;
    const output = Array.from({ length: count }, (_, i) => `${base}_${i}`);
    const attribute = Object.entries(attrs).map(([name, a]) => attr(name, a));
    this.nodes.push({ op_type: type, input: inputs, output, name: base, attribute });
    return output;
  }

  encode(name: string, doc: string): Uint8Array {
    const model = {
      ir_version: 8,
      producer_name: 'carryover make-test-model',
      producer_version: '1',
      model_version: 1,
      doc_string: doc,
      opset_import: [{ domain: '', version: 17 }],
      graph: { name, node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
    };
    const err = ModelProto.verify(model);
    if (err) throw new Error(`ONNX model ${name}: ${err}`);
    return ModelProto.encode(ModelProto.fromObject(model)).finish();
  }
}

function valueInfo(name: string, elemType: number, shape: Dim[]) {
  return {
    name,
    type: { tensor_type: { elem_type: elemType, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

function attr(name: string, a: Attr) {
  if (typeof a === 'number') return { name, type: ATTR.INT, i: a };
  if (Array.isArray(a)) return { name, type: ATTR.INTS, ints: a };
  if ('float' in a) return { name, type: ATTR.FLOAT, f: a.float };
  return { name, type: ATTR.FLOATS, floats: a.floats };
}
