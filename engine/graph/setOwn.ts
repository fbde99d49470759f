/**
 * `out[key] = value`, except that a key "__proto__" becomes an ordinary property: plain assignment would instead
 * replace the object's prototype, so a node's `"__proto__": { "units": 5 }` silently supplied `units` while no
 * diagnostic saw the key, and the canonical form dropped it.
 */
export function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
