// The smallest ONNX model there is, y = Identity(x) over one float, to start ONNX Runtime with: its
// WebAssembly compiled, its threads started and its environment made before the first real session.
// Made with scripts/test-model/onnx.ts's GraphBuilder (tests/unit/ml/warm-model.test.ts makes it
// again and compares), kept here as bytes so that the extension carries no ONNX writer.
const WARM_MODEL_BASE64 = 'CAgSGWNhcnJ5b3ZlciBtYWtlLXRlc3QtbW9kZWwaATEoATo9ChMKAXgSAXkaAXkiCElkZW50aXR5EgR3YXJtWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUICEBE=';

export const warmModel = (): Uint8Array => Uint8Array.from(atob(WARM_MODEL_BASE64), (c) => c.charCodeAt(0));
