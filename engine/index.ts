// Sandbox-safe: the public face of the engine core. Pure and deterministic — no I/O, no clock,
// no randomness, no Node built-ins, no Temporal. Runs in tests, the simulator and the workflow sandbox.

export * from './src/forms/index.ts';
export type * from './src/runtime/types.ts';
