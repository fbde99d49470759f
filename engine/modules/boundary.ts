/**
 * A module's boundary: the one node of type `input` (no shape: it stands for whatever feeds the use) and the one
 * sink (the node nothing inside the module reads), which is the module's output. Anything else is a problem of
 * the definition, reported on every use of it (with the fixes of engine/modules/boundaryFixes.ts).
 */
import type { ModuleDefinition } from '../graph/types';

/** What is wrong with a boundary, for the fixes: the ids involved, in file order. */
export type BoundaryProblem =
  | { readonly kind: 'no-input' }
  | { readonly kind: 'inputs'; readonly inputs: readonly string[] }
  | { readonly kind: 'input-fed'; readonly input: string }
  | { readonly kind: 'input-unread'; readonly input: string }
  | { readonly kind: 'no-output'; readonly input: string }
  | { readonly kind: 'outputs'; readonly input: string; readonly sinks: readonly string[] };

export type Boundary =
  | { readonly ok: true; readonly input: string; readonly output: string }
  | { readonly ok: false; readonly message: string; readonly problem: BoundaryProblem };

const cache = new WeakMap<ModuleDefinition, Boundary>();

export function moduleBoundary(name: string, definition: ModuleDefinition): Boundary {
  let b = cache.get(definition);
  if (!b) cache.set(definition, (b = find(name, definition)));
  return b;
}

function find(name: string, definition: ModuleDefinition): Boundary {
  const inputs = definition.nodes.filter((n) => n.type === 'input').map((n) => n.id);
  if (inputs.length !== 1) {
    return inputs.length === 0
      ? {
          ok: false,
          message: `Module '${name}' has no input: add { "id": "in", "type": "input" } (no shape) and an edge from it to the module's first node.`,
          problem: { kind: 'no-input' },
        }
      : { ok: false, message: `Module '${name}' has ${inputs.length} inputs (${inputs.join(', ')}); a module has exactly one.`, problem: { kind: 'inputs', inputs } };
  }
  const [input] = inputs;
  const ids = new Set(definition.nodes.map((n) => n.id));
  const feeding = new Set(definition.edges.filter((e) => ids.has(e.to)).map((e) => e.from));
  if (definition.edges.some((e) => e.to === input)) {
    return { ok: false, message: `Module '${name}': its input '${input}' cannot have incoming edges.`, problem: { kind: 'input-fed', input } };
  }
  if (!feeding.has(input)) {
    return { ok: false, message: `Module '${name}': nothing reads its input '${input}'; add an edge from it to the module's first node.`, problem: { kind: 'input-unread', input } };
  }
  const sinks = definition.nodes.filter((n) => n.id !== input && !feeding.has(n.id)).map((n) => n.id);
  if (sinks.length === 0) {
    return {
      ok: false,
      message: `Module '${name}' has no output (every node feeds another: a cycle?); a module's output is its one node nothing reads.`,
      problem: { kind: 'no-output', input },
    };
  }
  if (sinks.length > 1) {
    return {
      ok: false,
      message: `Module '${name}' has ${sinks.length} outputs (${sinks.join(', ')}: nodes nothing inside it reads); a module has exactly one.`,
      problem: { kind: 'outputs', input, sinks },
    };
  }
  return { ok: true, input, output: sinks[0] };
}
