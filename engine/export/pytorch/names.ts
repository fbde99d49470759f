/**
 * Node ids as Python identifiers: the module attribute `self.NAME` and the forward's variable. Characters other than
 * letters, digits and `_` become `_`; a leading digit gets `n`; Python keywords and names nn.Module already uses
 * (`forward`, `training`, …) get a trailing `_`; the forward's own names (`x`, `self`…) too; clashes get `_2`, `_3`…
 */
import type { GraphAnalysis } from '../../shape/types';

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** Attributes and methods of torch.nn.Module (a submodule of one of these names would shadow it or fail). */
const MODULE_NAMES = new Set(
  ('T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda double dump_patches eval ' +
    'extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules mtia ' +
    'named_buffers named_children named_modules named_parameters parameters register_backward_hook register_buffer ' +
    'register_forward_hook register_forward_pre_hook register_full_backward_hook register_full_backward_pre_hook ' +
    'register_load_state_dict_post_hook register_load_state_dict_pre_hook register_module register_parameter ' +
    'register_state_dict_post_hook register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule share_memory ' +
    'state_dict to to_empty train training type xpu zero_grad').split(' '),
);

/** Names the generated forward uses itself. */
const RESERVED = new Set(['x', 'self', 'logits', 'torch', 'nn', 'F']);

export function pythonName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (name === '') name = 'node';
  if (/^[0-9]/.test(name)) name = `n${name}`;
  if (KEYWORDS.has(name) || MODULE_NAMES.has(name) || RESERVED.has(name) || name.startsWith('__')) name = `${name}_`;
  return name;
}

/** Every node's Python name, unique, in topological order (the input node is the forward's `x`). */
export function pythonNames(analysis: GraphAnalysis): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of analysis.order) {
    if (id === analysis.inputId) {
      names.set(id, 'x');
      continue;
    }
    const base = pythonName(id);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(id, name);
  }
  return names;
}
