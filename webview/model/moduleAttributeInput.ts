/**
 * The inspector's text boxes for modules: an attribute of a node in a module's definition (a literal or a
 * parameter reference, `$filters*4`, checked by what it evaluates to for the use being looked at) and a use's own
 * parameters (`filters`, `stride`, `repeat`), checked as the expansion checks them. Messages as the engine says them.
 */
import { blockFor } from '../../engine/blocks/specs';
import type { JsonValue, ModuleDefinition } from '../../engine/graph/types';
import { valueForUse, type InnerNode } from '../../engine/modules/innerNode';
import { argumentsOf, repeatOf, REPEAT_ATTRIBUTE } from '../../engine/modules/params';
import { textToValue, valueToText } from './attributeInput';

/** `null` when the typed definition value is acceptable, else why not (for the use `inner` belongs to). */
export function definitionValueError(inner: InnerNode, attribute: string, text: string): string | null {
  const spec = blockFor(inner.node.type)?.attributes[attribute];
  const value = textToValue(text);
  if (value === undefined) return !spec || spec.fallback ? null : 'required';
  const evaluated = valueForUse(inner, attribute, value);
  if (evaluated.problems.length) return evaluated.problems[0];
  if (!spec) return null;
  const r = spec.read(evaluated.value);
  return r.ok ? null : `${r.error}${evaluated.value !== value ? ` (${valueToText(value)} is ${valueToText(evaluated.value)} in ${inner.usePath})` : ''}`;
}

/** What a definition value written with parameters means for this use ("= 512 in l4b0"), or null for a literal. */
export function evaluatedHint(inner: InnerNode, attribute: string, text: string): string | null {
  const value = textToValue(text);
  if (value === undefined || !JSON.stringify(value).includes('"$')) return null;
  const evaluated = valueForUse(inner, attribute, value);
  return evaluated.problems.length ? null : `= ${valueToText(evaluated.value)} in ${inner.usePath}`;
}

/** `null` when the typed value of a use's parameter (or `repeat`) is acceptable, else the engine's message. */
export function useParamError(module: string, definition: ModuleDefinition, name: string, text: string): string | null {
  const value: JsonValue | undefined = textToValue(text);
  if (value === undefined) return name === REPEAT_ATTRIBUTE || definition.params[name] !== null ? null : 'required';
  if (name === REPEAT_ATTRIBUTE) return repeatOf({ [name]: value }).problem?.message ?? null;
  return argumentsOf(module, definition, { [name]: value }).problems.find((p) => p.attribute === name)?.message ?? null;
}
