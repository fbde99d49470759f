/**
 * Reads a node's attributes against its block's specs: applies defaults, reports unknown, missing and invalid
 * attributes (each with a fix), and never throws whatever the file holds.
 */
import type { BlockDefinition } from '../blocks/core/block';
import type { GraphNode } from '../graph/types';
import { closestName } from './closest';
import { diagnostic, setAttributeFix, type Diagnostic, type Fix } from './diagnostics';

export interface ResolvedAttrs {
  /** `null` when any attribute has an error (the node then has no shape, and nothing downstream is computed). */
  readonly attrs: Readonly<Record<string, unknown>> | null;
  readonly diagnostics: readonly Diagnostic[];
}

export function resolveAttrs(node: GraphNode, block: BlockDefinition): ResolvedAttrs {
  const diagnostics: Diagnostic[] = [];
  const specs = block.attributes;
  const known = Object.keys(specs);

  for (const name of Object.keys(node.attrs)) {
    if (Object.hasOwn(specs, name)) continue; // not `in`: 'constructor' is in every object
    const guess = closestName(name, known);
    const fixes: Fix[] = [];
    if (guess && node.attrs[guess] === undefined) {
      fixes.push({
        title: `rename '${name}' to '${guess}'`,
        edits: [
          { kind: 'remove-attribute', node: node.id, attribute: name },
          { kind: 'set-attribute', node: node.id, attribute: guess, value: node.attrs[name] },
        ],
      });
    }
    fixes.push({ title: `remove '${name}'`, edits: [{ kind: 'remove-attribute', node: node.id, attribute: name }] });
    const hint = known.length ? ` ${block.type} takes: ${known.join(', ')}.` : ` ${block.type} takes no attributes.`;
    diagnostics.push(
      diagnostic(node.id, 'error', 'unknown-attribute', `Unknown attribute '${name}' on ${block.type}.${guess ? ` Did you mean '${guess}'?` : ''}${hint}`, fixes, name),
    );
  }

  const resolved: Record<string, unknown> = {};
  let ok = true;
  for (const [name, spec] of Object.entries(specs)) {
    const raw = node.attrs[name];
    if (raw === undefined) {
      if (spec.fallback) {
        resolved[name] = spec.fallback(resolved);
        continue;
      }
      ok = false;
      diagnostics.push(
        diagnostic(
          node.id,
          'error',
          'missing-attribute',
          `${block.type} needs '${name}': ${spec.doc}`,
          [setAttributeFix(`set ${name} to ${JSON.stringify(spec.example)}`, node.id, name, spec.example)],
          name,
        ),
      );
      continue;
    }
    const read = spec.read(raw);
    if (read.ok) {
      resolved[name] = read.value;
      continue;
    }
    ok = false;
    const fixes = read.suggestion === undefined ? [] : [setAttributeFix(`set ${name} to ${JSON.stringify(read.suggestion)}`, node.id, name, read.suggestion)];
    diagnostics.push(diagnostic(node.id, 'error', 'invalid-attribute', `'${name}' ${read.error}.`, fixes, name));
  }
  // An unknown attribute is an error, but it does not stop the shape from being computed from the known ones.
  return { attrs: ok ? resolved : null, diagnostics };
}
