/**
 * A node inside an expanded module use (l2b0/conv1): its live numbers like any card, and the attributes of the
 * definition's node it was copied from, as written ("$filters*4", with what that is for this use). An edit is an
 * edit of the module's definition (the set-module-attribute intent, one undoable document edit): every use of the
 * module follows, and the panel says how many that is before the user types.
 */
import { blockFor } from '../../engine/blocks/specs';
import type { JsonValue } from '../../engine/graph/types';
import type { InnerNode } from '../../engine/modules/innerNode';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import type { NodeAnalysis } from '../../engine/shape/types';
import { sendIntent } from '../host';
import { valueToText } from '../model/attributeInput';
import { definitionValueError, evaluatedHint } from '../model/moduleAttributeInput';
import { AttributeField } from './AttributeField';
import { Diagnostics } from './Diagnostics';
import { Doc, Explanations, NodeFacts } from './NodeFacts';

interface Props {
  readonly inner: InnerNode;
  readonly analysis: NodeAnalysis | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function InnerNodeInspector({ inner, analysis: a, diagnostics }: Props) {
  const block = blockFor(inner.node.type);
  const declared = Object.keys(block?.attributes ?? {});
  const extra = Object.keys(inner.node.attrs).filter((k) => !block?.attributes[k]);
  const set = (attribute: string) => (value: JsonValue | undefined) =>
    sendIntent({ kind: 'set-module-attribute', module: inner.module, node: inner.node.id, attribute, value: value ?? null });
  const others = inner.users.length - 1;
  return (
    <aside className="inspector" data-testid="inspector">
      <h2>
        <span className={`swatch family-${block?.family ?? 'unknown'}`} /> <span data-testid="inspector-path">{inner.path}</span>
      </h2>
      <p className="muted">
        {block ? (
          <>
            {block.title} — <Doc text={block.doc} />
          </>
        ) : (
          `Unknown block type '${inner.node.type}'.`
        )}
      </p>
      <p className="shared-definition" data-testid="shared-definition">
        Node <code>{inner.node.id}</code> of module <code>{inner.module}</code>.{' '}
        {others === 0
          ? `Editing it edits the module's definition (its one use, ${inner.users[0]}${inner.copies > 1 ? `, ${inner.copies} copies` : ''}).`
          : `Editing it edits the definition shared by ${inner.users.length} uses (${inner.users.join(', ')}; ${inner.copies} copies in the network): all of them change.`}{' '}
        Values written <code>$name</code> come from each use's parameters.
      </p>
      <NodeFacts analysis={a} />
      <Diagnostics diagnostics={diagnostics} />
      <section className="attrs" data-testid="definition-attrs">
        {[...declared, ...extra].map((name) => {
          const spec = block?.attributes[name];
          const here = inner.expanded.attrs[name];
          return (
            <AttributeField
              key={`${inner.module}/${inner.node.id}/${name}`}
              node={inner.path}
              type={inner.node.type}
              name={name}
              value={inner.node.attrs[name]}
              placeholder={!spec ? '' : spec.fallback ? (here === undefined ? 'default' : `default ${valueToText(here)}`) : 'required'}
              doc={spec?.doc ?? ''}
              known={spec !== undefined}
              validate={(text) => (spec ? definitionValueError(inner, name, text) : `'${name}' is not an attribute of ${inner.node.type}`)}
              hint={(text) => evaluatedHint(inner, name, text)}
              onCommit={set(name)}
            />
          );
        })}
      </section>
      <Explanations analysis={a} />
    </aside>
  );
}
