// Blocking constants shared by the AssemblyScript kernels and mirrored by the JS side (engine/kernels/wasm/layout.ts).

/** Columns of B per micro-panel: two f32x4. */
export const NR: i32 = 8;
/** Reduction depth of one packed panel of B. */
export const KC: i32 = 256;
/** Columns of one packed panel of B (a multiple of NR). */
export const NC: i32 = 256;
