/**
 * Fixes of a parameter a module use sets but its module does not declare (`"filter": 64` on a use of a module whose
 * params are `filters`, `stride`): rename it to the closest declared name, when the use does not already set that
 * one (the rename would then drop a value), or remove it — the fixes a block's unknown attribute gets
 * (engine/shape/resolveAttrs.ts). They edit the body that writes the use: the file's node, or the node in an outer
 * module's definition (every use of that module follows, and the title says so).
 */
import type { Graph, GraphNode } from '../graph/types';
import type { Fix, FixEdit } from '../shape/diagnostics';
import { sharedBy } from './innerNode';
import type { ParamProblem } from './params';

/** `module`: the module whose definition holds `use` (null: the file's top level). */
export function unknownParamFixes(graph: Graph, module: string | null, use: GraphNode, problem: ParamProblem): Fix[] {
  const name = problem.attribute;
  if (problem.code !== 'unknown-param' || name === undefined || !Object.hasOwn(use.attrs, name)) return [];
  // The value as written (`"$f"` inside a definition), not as substituted for one copy.
  const value = use.attrs[name];
  const remove = (attribute: string): FixEdit =>
    module === null ? { kind: 'remove-attribute', node: use.id, attribute } : { kind: 'set-module-attribute', module, node: use.id, attribute, value: null };
  const set = (attribute: string): FixEdit =>
    module === null ? { kind: 'set-attribute', node: use.id, attribute, value } : { kind: 'set-module-attribute', module, node: use.id, attribute, value };
  const where = module === null ? '' : ` (in ${sharedBy(graph, module)})`;
  const fixes: Fix[] = [];
  const target = problem.suggestion;
  if (target !== undefined && !Object.hasOwn(use.attrs, target)) fixes.push({ title: `rename '${name}' to '${target}'${where}`, edits: [remove(name), set(target)] });
  fixes.push({ title: `remove '${name}'${where}`, edits: [remove(name)] });
  return fixes;
}
