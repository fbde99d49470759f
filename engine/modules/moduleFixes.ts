/**
 * Fixes of problems inside modules. The shape engine finds a problem on an expanded node (`l2b0/conv1`) and proposes
 * an edit of that node, which is not in the file: the file holds the module's definition. An attribute edit becomes
 * an edit of the definition (every use changes, and the title says so), or, when the definition takes the value
 * from a parameter (`"stride": "$stride"`), an edit of that parameter on the use (`l2b0`'s stride). A fix that
 * cannot be said that way (it changes the module's structure, or the parameter belongs to a nested use) is not
 * offered, and the diagnostic says why, so no fix is dropped silently.
 */
import type { Graph, JsonValue } from '../graph/types';
import type { Diagnostic, Fix, FixEdit } from '../shape/diagnostics';
import type { Expansion } from './expand';
import { innerNode } from './innerNode';
import { parseReference, refersToParams } from './params';

type Translated = { readonly ok: true; readonly edit: FixEdit; readonly note: string } | { readonly ok: false; readonly reason: string };

function kindOf(value: JsonValue): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** One edit of a fix, said in terms of the file (unchanged when it already is). */
function translate(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, edit: FixEdit): Translated {
  if (edit.kind === 'set-module-attribute') return { ok: true, edit, note: '' };
  const named = 'node' in edit ? [edit.node] : [edit.from, edit.to];
  if (named.every((id) => fileIds.has(id))) return { ok: true, edit, note: '' };
  const inner = 'node' in edit ? innerNode(graph, expansion, edit.node) : null;
  if (!inner || (edit.kind !== 'set-attribute' && edit.kind !== 'remove-attribute')) {
    const where = named.find((id) => !fileIds.has(id))!;
    const module = expansion.origins.get(where)?.module ?? expansion.uses.get(where.slice(0, where.lastIndexOf('/')))?.module;
    return { ok: false, reason: `it changes the structure inside ${module ? `module '${module}'` : `'${where}'`} (${edit.kind}); edit the module's definition in the file instead` };
  }
  const shared = inner.users.length === 1 ? `module '${inner.module}' (its only use)` : `module '${inner.module}', shared by ${inner.users.length} uses: ${inner.users.join(', ')}`;
  const toDefinition = (value: JsonValue | null): Translated => ({
    ok: true,
    edit: { kind: 'set-module-attribute', module: inner.module, node: inner.node.id, attribute: edit.attribute, value },
    note: `in ${shared}`,
  });
  if (edit.kind === 'remove-attribute') return toDefinition(null);
  const written = inner.node.attrs[edit.attribute];
  if (!refersToParams(written)) return toDefinition(edit.value);
  const ref = parseReference(written);
  if (!ref) return { ok: false, reason: `'${edit.attribute}' of ${inner.node.id} in module '${inner.module}' is ${JSON.stringify(written)}, built from parameters; edit it in the inspector or the file` };
  if (inner.fileUse === null) {
    return { ok: false, reason: `'${edit.attribute}' is "${written}" and '${inner.usePath}' is a use inside another module: set its '${ref.name}' in that module's definition` };
  }
  const fallback = inner.definition.params[ref.name];
  let value: JsonValue = edit.value;
  if (ref.factor !== 1) {
    if (typeof edit.value !== 'number' || !Number.isInteger(edit.value / ref.factor)) {
      return { ok: false, reason: `'${edit.attribute}' is "${written}": ${JSON.stringify(edit.value)} is not ${ref.factor} times a whole number` };
    }
    value = edit.value / ref.factor;
  }
  if (fallback !== null && fallback !== undefined && kindOf(fallback) !== kindOf(value)) {
    return { ok: false, reason: `'${edit.attribute}' is "${written}", and parameter '${ref.name}' takes a ${kindOf(fallback)}, not ${JSON.stringify(value)}` };
  }
  return {
    ok: true,
    edit: { kind: 'set-attribute', node: inner.fileUse, attribute: ref.name, value },
    note: `sets ${inner.fileUse}'s parameter ${ref.name} to ${JSON.stringify(value)}: '${edit.attribute}' is "${written}" in module '${inner.module}'`,
  };
}

/** A fix in terms of the file, or why it cannot be. */
export function fixInFile(graph: Graph, expansion: Expansion, fileIds: ReadonlySet<string>, fix: Fix): { ok: true; fix: Fix } | { ok: false; reason: string } {
  const edits: FixEdit[] = [];
  const notes: string[] = [];
  for (const e of fix.edits) {
    const t = translate(graph, expansion, fileIds, e);
    if (!t.ok) return t;
    edits.push(t.edit);
    if (t.note && !notes.includes(t.note)) notes.push(t.note);
  }
  return { ok: true, fix: notes.length ? { title: `${fix.title} (${notes.join('; ')})`, edits } : fix };
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
