/**
 * Module parameters: a definition names them with defaults (`"params": { "filters": 64, "stride": 1 }`, `null` for
 * one every use must give), its nodes refer to them as `"$filters"` or a whole multiple `"$filters*4"` (a bottleneck's
 * last 1×1 conv), and a use gives values beside its type (`"filters": 128`). Everything here returns problems as
 * text for the expansion to turn into diagnostics; nothing throws.
 */
import { closestName } from '../shape/closest';
import { setOwn } from '../graph/setOwn';
import type { JsonValue, ModuleDefinition } from '../graph/types';

/** The one attribute of a use that is not a parameter: how many chained copies. */
export const REPEAT_ATTRIBUTE = 'repeat';
/** Copies a `repeat` may ask for: ResNet-152's longest stage has 36; more is a typo, not a design. */
export const MAX_REPEAT = 1000;

const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_]*)(?:\*(\d+))?$/;

/** `"$filters*4"` → { name: 'filters', factor: 4 }; `"$stride"` → factor 1; anything else (no `$`, bad syntax) → null. */
export function parseReference(value: JsonValue | undefined): { readonly name: string; readonly factor: number } | null {
  if (typeof value !== 'string') return null;
  const m = REFERENCE.exec(value);
  return m ? { name: m[1], factor: m[2] === undefined ? 1 : Number(m[2]) } : null;
}

/** Whether a value refers to a parameter anywhere (`"$k"`, or inside an array: `["$k", 1]`). */
export function refersToParams(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.some(refersToParams);
  return typeof value === 'string' && value.startsWith('$');
}

export interface ParamProblem {
  readonly message: string;
  /** The attribute (of the use or of the inner node) the problem is about. */
  readonly attribute?: string;
  readonly code: 'unknown-param' | 'invalid-param';
  /** For an unknown name, the closest known one (by edit distance), when one is close enough: the likely meaning. */
  readonly suggestion?: string;
}

/** The JSON kind a value has, as the messages name it. */
function kindOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The values a use gives its module, defaults filled in: unknown names, values of another kind than the default's
 * (a string for a number…) and missing required parameters are problems; the value then falls back to the default.
 * `use` (the use's id, when there is one to name) goes into the message of an unknown name, which is shown on the
 * use's line and in the Problems panel, away from the module's definition.
 */
export function argumentsOf(
  moduleName: string,
  definition: ModuleDefinition,
  given: Readonly<Record<string, JsonValue>>,
  use?: string,
): { values: Record<string, JsonValue>; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const names = Object.keys(definition.params);
  const values: Record<string, JsonValue> = {};
  for (const name of names) setOwn(values, name, definition.params[name]);
  for (const [name, value] of Object.entries(given)) {
    if (name === REPEAT_ATTRIBUTE) continue;
    if (!Object.hasOwn(definition.params, name)) {
      const guess = closestName(name, names);
      const known = names.length ? `its parameters are ${names.join(', ')}` : 'it has no parameters';
      const said = use === undefined ? `Module '${moduleName}' has no parameter '${name}'` : `The use '${use}' sets '${name}', which is not a parameter of module '${moduleName}'`;
      const message = `${said}${guess ? ` (did you mean '${guess}'?)` : ''}; ${known}.`;
      problems.push(guess ? { code: 'unknown-param', attribute: name, message, suggestion: guess } : { code: 'unknown-param', attribute: name, message });
      continue;
    }
    const fallback = definition.params[name];
    if (fallback !== null && kindOf(value) !== kindOf(fallback)) {
      problems.push({
        code: 'invalid-param',
        attribute: name,
        message: `Parameter '${name}' of module '${moduleName}' takes ${kindOf(fallback)} (default ${JSON.stringify(fallback)}), got ${JSON.stringify(value)}.`,
      });
      continue;
    }
    setOwn(values, name, value);
  }
  for (const name of names) {
    if (values[name] === null && !Object.hasOwn(given, name)) {
      problems.push({ code: 'invalid-param', attribute: name, message: `Module '${moduleName}' needs parameter '${name}' (it has no default); add "${name}": … to the node.` });
    }
  }
  return { values, problems };
}

/**
 * An attribute value with every `"$name"` / `"$name*k"` replaced by the parameter's value, inside arrays too
 * (`"kernel": ["$k", 1]`). A reference to an unknown parameter, or a multiple of a non-number, is a problem and
 * leaves the text as written, so the block's own validation reports the attribute as well.
 */
export function substitute(value: JsonValue, params: Readonly<Record<string, JsonValue>>, attribute: string, moduleName: string, problems: ParamProblem[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => substitute(v, params, attribute, moduleName, problems));
  if (typeof value !== 'string' || !value.startsWith('$')) return value;
  const m = REFERENCE.exec(value);
  if (!m) {
    problems.push({ code: 'invalid-param', attribute, message: `"${value}" is not a parameter reference of module '${moduleName}': write "$name" or "$name*N" (N a whole number).` });
    return value;
  }
  const [, name, factor] = m;
  if (!Object.hasOwn(params, name)) {
    const names = Object.keys(params);
    const guess = closestName(name, names);
    problems.push({
      code: 'unknown-param',
      attribute,
      message: `"${value}" refers to '${name}', which is not a parameter of module '${moduleName}'${guess ? ` (did you mean '$${guess}'?)` : ''}; ${names.length ? `its parameters are ${names.join(', ')}` : 'it declares no "params"'}.`,
    });
    return value;
  }
  const v = params[name];
  if (factor === undefined) return v;
  if (typeof v !== 'number') {
    problems.push({ code: 'invalid-param', attribute, message: `"${value}" multiplies '${name}', which is ${JSON.stringify(v)}, not a number.` });
    return value;
  }
  return v * Number(factor);
}

/** How many copies a use asks for (1 without `repeat`), or a problem. */
export function repeatOf(given: Readonly<Record<string, JsonValue>>): { count: number; problem?: ParamProblem } {
  const r = given[REPEAT_ATTRIBUTE];
  if (r === undefined) return { count: 1 };
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > MAX_REPEAT) {
    return { count: 1, problem: { code: 'invalid-param', attribute: REPEAT_ATTRIBUTE, message: `"repeat" must be a whole number from 1 to ${MAX_REPEAT} (copies chained one after the other), got ${JSON.stringify(r)}.` } };
  }
  return { count: r };
}
