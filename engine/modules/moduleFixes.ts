/**
 * Fixes of problems inside modules. The shape engine finds a problem on an expanded node (`l2b0/conv1`) and proposes
 * an edit of that node, which is not in the file: the file holds the module's definition. An attribute edit becomes
 * an edit of the definition (every use changes, and the title says so), or, when the definition takes the value
 * from a parameter (`"stride": "$stride"`), an edit of that parameter on the use (`l2b0`'s stride; for a use nested
 * in another module, on its node in that module's definition). A structural edit (remove a node or an edge, insert
 * a node, change a type) becomes the same edit of the definition, in its own ids (engine/modules/writtenAt.ts). A
 * fix that cannot be said that way is not offered, and the diagnostic says why, so no fix is dropped silently.
 */
import type { Graph, JsonValue } from '../graph/types';
import type { Diagnostic, Fix, FixEdit, ModuleBodyEdit } from '../shape/diagnostics';
import type { Expansion } from './expand';
import { fileUseOf, innerNode, sharedBy } from './innerNode';
import { parseReference, refersToParams } from './params';
import { writtenEdge, writtenNode } from './writtenAt';

type Translated =
  | { readonly ok: true; readonly edit: FixEdit; readonly note: string; readonly renamed?: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly reason: string };

function kindOf(value: JsonValue): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** One edit of a fix, said in terms of the file (unchanged when it already is). */
function translate(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, edit: FixEdit): Translated {
  if (edit.kind === 'set-module-attribute' || edit.kind === 'edit-module') return { ok: true, edit, note: '' };
  const named = edit.kind === 'add-input' ? edit.to : 'node' in edit ? [edit.node] : [edit.from, edit.to];
  if (named.every((id) => fileIds.has(id))) return { ok: true, edit, note: '' };
  if (edit.kind === 'set-attribute' || edit.kind === 'remove-attribute') return attributeEdit(graph, expansion, edit);
  // Only a module's boundary fix adds an input inside a module, and it is made as an edit of the definition.
  if (edit.kind === 'add-input') return unwritable(expansion, fileIds, edit, edit.to);
  return structuralEdit(graph, expansion, fileIds, edit);
}

/**
 * A change of structure found on the flat graph (remove `l2b0/extra`, remove the edge `x → l2b0/relu`, insert a
 * node on `l2b0/proj → l2b0/add`) is an edit of the body that writes it: the module's definition (every use
 * follows, and the title says so) or the file's top level (an edge from a use: `l2b0/add → fc` is `l2b0 → fc`).
 */
function structuralEdit(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, edit: Exclude<ModuleBodyEdit, { kind: 'add-input' }>): Translated {
  let module: string | null;
  let inBody: ModuleBodyEdit;
  const renamed = new Map<string, string>();
  if ('node' in edit) {
    const w = writtenNode(expansion, fileIds, edit.node);
    if (!w) return unwritable(expansion, fileIds, edit, [edit.node]);
    module = w.module;
    inBody = { ...edit, node: w.node };
    renamed.set(edit.node, w.node);
  } else {
    const w = writtenEdge(graph, expansion, fileIds, edit.from, edit.to);
    if (!w) return unwritable(expansion, fileIds, edit, [edit.from, edit.to]);
    module = w.module;
    renamed.set(edit.from, w.from).set(edit.to, w.to);
    // A suggested id is a flat one (`l2b0/proj_proj`); the definition's node is named in its own ids.
    inBody = edit.kind === 'insert-node' ? { ...edit, from: w.from, to: w.to, id: edit.id.slice(edit.id.lastIndexOf('/') + 1) } : { ...edit, from: w.from, to: w.to };
  }
  if (module === null) return { ok: true, edit: inBody, note: '', renamed };
  return { ok: true, edit: { kind: 'edit-module', module, edit: inBody }, note: `in ${sharedBy(graph, module)}`, renamed };
}

function unwritable(expansion: Expansion, fileIds: ReadonlySet<string>, edit: FixEdit, named: readonly string[]): Translated {
  const where = named.find((id) => !fileIds.has(id))!;
  const module = expansion.origins.get(where)?.module ?? expansion.uses.get(where.slice(0, where.lastIndexOf('/')))?.module;
  return { ok: false, reason: `it changes the structure inside ${module ? `module '${module}'` : `'${where}'`} (${edit.kind}), and that part is not written in the file as such; edit the module's definition instead` };
}

/** An attribute fix of an inner node: an edit of its definition, or of the parameter it is written from. */
function attributeEdit(graph: Graph, expansion: Expansion, edit: Extract<FixEdit, { kind: 'set-attribute' | 'remove-attribute' }>): Translated {
  const inner = innerNode(graph, expansion, edit.node);
  if (!inner) return { ok: false, reason: `'${edit.node}' is not a node written in the file or in a module's definition` };
  const toDefinition = (value: JsonValue | null): Translated => ({
    ok: true,
    edit: { kind: 'set-module-attribute', module: inner.module, node: inner.node.id, attribute: edit.attribute, value },
    note: `in ${sharedBy(graph, inner.module)}`,
  });
  if (edit.kind === 'remove-attribute') return toDefinition(null);
  const written = inner.node.attrs[edit.attribute];
  if (!refersToParams(written)) return toDefinition(edit.value);
  const ref = parseReference(written);
  if (!ref) return { ok: false, reason: `'${edit.attribute}' of ${inner.node.id} in module '${inner.module}' is ${JSON.stringify(written)}, built from parameters; edit it in the inspector or the file` };
  const fallback = inner.definition.params[ref.name];
  const value = whole(edit.value, ref.factor);
  if (value === null) return { ok: false, reason: `'${edit.attribute}' is "${written}": ${JSON.stringify(edit.value)} is not ${ref.factor} times a whole number` };
  if (fallback !== null && fallback !== undefined && kindOf(fallback) !== kindOf(value)) {
    return { ok: false, reason: `'${edit.attribute}' is "${written}", and parameter '${ref.name}' takes a ${kindOf(fallback)}, not ${JSON.stringify(value)}` };
  }
  const set = useParameter(graph, expansion, inner.usePath, ref.name, value);
  if (!set.ok) return set;
  return { ...set, note: `${set.note}: '${edit.attribute}' is "${written}" in module '${inner.module}'` };
}

/** `value` divided by a reference's factor (`"$filters*4"` takes a quarter), or null when it is not a whole multiple. */
function whole(value: JsonValue, factor: number): JsonValue | null {
  if (factor === 1) return value;
  return typeof value === 'number' && Number.isInteger(value / factor) ? value / factor : null;
}

/**
 * Sets parameter `name` of use copy `usePath` to `value`: on the file's node (`l2b0`, `layer2` for the copy
 * `layer2/1`), or, for a use inside another module's definition, on that definition's node — and when that node
 * writes the value from a parameter of its own (`"s": "$s"`), on the outer use, and so on outwards.
 */
function useParameter(graph: Graph, expansion: Expansion, usePath: string, name: string, value: JsonValue): Translated {
  const fileUse = fileUseOf(graph, usePath);
  if (fileUse !== null) return { ok: true, edit: { kind: 'set-attribute', node: fileUse, attribute: name, value }, note: `sets ${fileUse}'s parameter ${name} to ${JSON.stringify(value)}` };
  // A repeat's copy (`o/l/1`) has its parameters on the wrapper's node (`l` in o's module).
  const copyOf = /^(.*)\/\d+$/.exec(usePath)?.[1];
  const path = expansion.origins.has(usePath) ? usePath : copyOf !== undefined && expansion.origins.has(copyOf) ? copyOf : null;
  const origin = path === null ? undefined : expansion.origins.get(path);
  const definition = origin && graph.modules && Object.hasOwn(graph.modules, origin.module) ? graph.modules[origin.module] : undefined;
  const node = definition?.nodes.find((n) => n.id === origin!.node);
  if (!origin || !definition || !node || path === null) return { ok: false, reason: `'${usePath}' is not a use written in the file or in a module's definition` };
  const written = node.attrs[name];
  if (!refersToParams(written)) {
    return {
      ok: true,
      edit: { kind: 'set-module-attribute', module: origin.module, node: node.id, attribute: name, value },
      note: `sets ${name} to ${JSON.stringify(value)} on ${node.id} in ${sharedBy(graph, origin.module)}`,
    };
  }
  const ref = parseReference(written);
  const outer = ref === null ? null : whole(value, ref.factor);
  if (ref === null || outer === null) return { ok: false, reason: `'${name}' of ${node.id} in module '${origin.module}' is ${JSON.stringify(written)}, which ${JSON.stringify(value)} cannot be written as` };
  return useParameter(graph, expansion, path.slice(0, path.length - origin.node.length - 1), ref.name, outer);
}

/**
 * A title names the nodes as the problem found them (`remove the edge x → l2b0/relu`); the fix edits the body that
 * writes them (`in → relu` in the module), so the title says that. Only whole ids are replaced.
 */
function renameInTitle(title: string, flat: string, written: string): string {
  if (flat === written) return title;
  const escaped = flat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return title.replace(new RegExp(`(?<![\\w/.-])${escaped}(?![\\w/.-])`, 'g'), written);
}

/** A fix in terms of the file, or why it cannot be. */
export function fixInFile(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, fix: Fix): { ok: true; fix: Fix } | { ok: false; reason: string } {
  const edits: FixEdit[] = [];
  const notes: string[] = [];
  let title = fix.title;
  for (const e of fix.edits) {
    const t = translate(graph, expansion, fileIds, e);
    if (!t.ok) return t;
    edits.push(t.edit);
    if (t.note && !notes.includes(t.note)) notes.push(t.note);
    for (const [flat, written] of t.renamed ?? []) title = renameInTitle(title, flat, written);
  }
  if (title === fix.title && notes.length === 0 && edits.every((e, i) => e === fix.edits[i])) return { ok: true, fix };
  return { ok: true, fix: { title: notes.length ? `${title} (${notes.join('; ')})` : title, edits } };
}

/** A diagnostic whose fixes all edit the file; fixes that cannot are named in its message with the reason. */
export function fixesInFile(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, d: Diagnostic): Diagnostic {
  if (d.fixes.length === 0) return d;
  const fixes: Fix[] = [];
  const refused: string[] = [];
  let changed = false;
  for (const f of d.fixes) {
    const r = fixInFile(graph, expansion, fileIds, f);
    if (r.ok) fixes.push(r.fix);
    else refused.push(`“${f.title}” is not offered: ${r.reason}.`);
    if (!r.ok || r.fix !== f) changed = true;
  }
  if (!changed) return d;
  return { ...d, message: refused.length ? `${d.message} ${refused.join(' ')}` : d.message, fixes };
}
