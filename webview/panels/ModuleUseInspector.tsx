/**
 * A module use (l2b0: module:basic_down): its numbers in total, and its own attributes, the module's parameters
 * (`filters`, `stride`, each with the definition's default) and `repeat`. Editing them is a set-attribute on the
 * use, like any card's attribute: only this use changes.
 */
import type { GraphNode, ModuleDefinition } from '../../engine/graph/types';
import { REPEAT_ATTRIBUTE } from '../../engine/modules/params';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import type { NodeAnalysis } from '../../engine/shape/types';
import { sendIntent } from '../host';
import { valueToText } from '../model/attributeInput';
import { useParamError } from '../model/moduleAttributeInput';
import { AttributeField } from './AttributeField';
import { Diagnostics } from './Diagnostics';
import { Explanations, NodeFacts } from './NodeFacts';

interface Props {
  readonly node: GraphNode;
  readonly module: string;
  readonly definition: ModuleDefinition | undefined;
  readonly analysis: NodeAnalysis | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly label: React.ReactNode;
}

export function ModuleUseInspector({ node, module, definition, analysis: a, diagnostics, label }: Props) {
  const params = Object.keys(definition?.params ?? {});
  const extra = Object.keys(node.attrs).filter((k) => k !== REPEAT_ATTRIBUTE && !params.includes(k));
  const commit = (name: string) => (value: Parameters<NonNullable<React.ComponentProps<typeof AttributeField>['onCommit']>>[0]) =>
    sendIntent(value === undefined ? { kind: 'remove-attribute', node: node.id, attribute: name } : { kind: 'set-attribute', node: node.id, attribute: name, value });
  const field = (name: string, placeholder: string, doc: string) => (
    <AttributeField
      key={`${node.id}/${name}`}
      node={node.id}
      type={node.type}
      name={name}
      value={node.attrs[name]}
      placeholder={placeholder}
      doc={doc}
      known
      validate={(text) => (definition ? useParamError(module, definition, name, text) : null)}
      onCommit={commit(name)}
    />
  );
  return (
    <aside className="inspector" data-testid="inspector">
      <h2>
        <span className="swatch family-module" /> {node.label ?? node.id}
      </h2>
      <p className="muted">
        A use of module <code>{module}</code>
        {definition ? ` (${definition.nodes.length - 1} nodes; double-click the card to open it in place)` : ''}. Its attributes are the
        module's parameters: they change this use only.
      </p>
      <NodeFacts analysis={a} />
      <Diagnostics diagnostics={diagnostics} />
      <section className="attrs" data-testid="use-params">
        {label}
        {params.map((name) => {
          const fallback = definition!.params[name];
          return field(name, fallback === null ? 'required' : `default ${valueToText(fallback)}`, `Parameter '${name}' of module ${module}`);
        })}
        {field(REPEAT_ATTRIBUTE, 'default 1', 'How many chained copies of the module (1 to 1000)')}
        {extra.map((name) => field(name, '', ''))}
      </section>
      <Explanations analysis={a} />
    </aside>
  );
}
