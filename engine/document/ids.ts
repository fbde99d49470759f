/** Node ids that stay unique when nodes are added or pasted: "conv2d_1", "conv2d_2"…, or "c1_copy". */

/** `base` if free, else `base_2`, `base_3`… (an id ending in _N continues from N). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const m = /^(.*?)_(\d+)$/.exec(base);
  const stem = m ? m[1] : base;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) {
    const id = `${stem}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A fresh id for a new block of `type`: conv2d_1, conv2d_2… */
export function idForType(type: string, taken: ReadonlySet<string>): string {
  return uniqueId(`${type}_1`, taken);
}
