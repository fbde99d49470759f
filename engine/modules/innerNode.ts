/**
 * A node inside a module use (`l2b0/conv1`) as the editor presents it: the definition's node it was copied from
 * (its attributes as written, `"$filters*4"` included: editing them edits every use), the use copy whose parameters
 * gave it its values, the file node those parameters are written on (`l1` for the repeat copy `l1/0`), and how
 * widely the definition is shared. Pure, for the inspector and the fixes of problems inside modules.
 */
import { isModuleUse, MODULE_TYPE_PREFIX, type Graph, type GraphNode, type JsonValue, type ModuleDefinition } from '../graph/types';
import type { Expansion } from './expand';
import { substitute, type ParamProblem } from './params';

export interface InnerNode {
  /** Its flat id: `l2b0/conv1`, `l1/0/conv1`, `outer/inner/conv1`. */
  readonly path: string;
  readonly module: string;
  readonly definition: ModuleDefinition;
  /** The node in the definition, attributes as written. */
  readonly node: GraphNode;
  /** The node as expanded for this use: its attribute values here. */
  readonly expanded: GraphNode;
  /** The use copy it belongs to (`l2b0`, `l1/0`, `outer/inner`) and the parameter values it was expanded with. */
  readonly usePath: string;
  readonly args: Readonly<Record<string, JsonValue>>;
  /** The file's node whose attributes give those values (`l1` for `l1/0`); null for a use nested in a module. */
  readonly fileUse: string | null;
  /** Every node that uses the module: file node ids, and `outer:inner` for uses inside another module's definition. */
  readonly users: readonly string[];
  /** How many copies of the module the expanded network holds (a `repeat: 2` use is two). */
  readonly copies: number;
}

/** The nodes that use `module`: the file's (by id) and those inside module definitions (`outer:inner`). */
export function moduleUsers(graph: Graph, module: string): string[] {
  const type = MODULE_TYPE_PREFIX + module;
  const out = graph.nodes.filter((n) => n.type === type).map((n) => n.id);
  for (const [name, def] of Object.entries(graph.modules ?? {})) for (const n of def.nodes) if (n.type === type) out.push(`${name}:${n.id}`);
  return out;
}

/** Who a definition edit reaches, as fix titles say it: "module 'm' (its only use)", "module 'm', shared by 2 uses: a, b". */
export function sharedBy(graph: Graph, module: string): string {
  const users = moduleUsers(graph, module);
  return users.length === 1 ? `module '${module}' (its only use)` : `module '${module}', shared by ${users.length} uses: ${users.join(', ')}`;
}

/** Copies of `module` in the expanded network: every expanded use but a repeat's wrapper (its copies count). */
export function moduleCopies(expansion: Expansion, module: string): number {
  let n = 0;
  for (const [path, use] of expansion.uses) if (use.module === module && !expansion.uses.has(`${path}/0`)) n++;
  return n;
}

/** The file node whose attributes are the parameters of use copy `usePath`, or null when it is nested in a module. */
export function fileUseOf(graph: Graph, usePath: string): string | null {
  const direct = graph.nodes.find((n) => n.id === usePath);
  if (direct) return isModuleUse(direct) ? direct.id : null;
  const m = /^(.*)\/\d+$/.exec(usePath);
  const wrapper = m ? graph.nodes.find((n) => n.id === m[1]) : undefined;
  return wrapper && isModuleUse(wrapper) && Object.hasOwn(wrapper.attrs, 'repeat') ? wrapper.id : null;
}

export function innerNode(graph: Graph, expansion: Expansion | undefined, path: string): InnerNode | null {
  const origin = expansion?.origins.get(path);
  if (!expansion || !origin) return null;
  const definition = graph.modules && Object.hasOwn(graph.modules, origin.module) ? graph.modules[origin.module] : undefined;
  const node = definition?.nodes.find((n) => n.id === origin.node);
  const expanded = expansion.graph.nodes.find((n) => n.id === path);
  const usePath = path.slice(0, path.length - origin.node.length - 1);
  const use = expansion.uses.get(usePath);
  if (!definition || !node || !expanded || !use) return null;
  return {
    path,
    module: origin.module,
    definition,
    node,
    expanded,
    usePath,
    args: use.args,
    fileUse: fileUseOf(graph, usePath),
    users: moduleUsers(graph, origin.module),
    copies: moduleCopies(expansion, origin.module),
  };
}

/** What a value written in the definition (`"$filters*4"`, `[3, "$k"]`, 7) means for one use; problems as text. */
export function valueForUse(inner: InnerNode, attribute: string, value: JsonValue): { value: JsonValue; problems: string[] } {
  const problems: ParamProblem[] = [];
  const v = substitute(value, inner.args, attribute, inner.module, problems);
  return { value: v, problems: problems.map((p) => p.message) };
}
