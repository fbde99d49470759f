/**
 * A strict XML 1.0 well-formedness check for the SVG the diagram export writes (no XML library in the project's
 * dependencies): one root element, every tag closed in order, attributes quoted and unique, `&` only in the five
 * predefined entities or character references, no `<` in text or attributes, only characters XML allows. Returns
 * the first problem with its offset, or null.
 */
const NAME = '[A-Za-z_:][A-Za-z0-9_:.-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'g');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
// eslint-disable-next-line no-control-regex
const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function entitiesOk(text: string): number {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) return i;
  }
  return -1;
}

export function xmlProblem(doc: string): string | null {
  const bad = BAD_CHAR.exec(doc);
  if (bad) return `a character XML cannot hold at ${bad.index}`;
  let i = 0;
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) return 'unclosed XML declaration';
    i = end + 2;
  }
  const open: string[] = [];
  let roots = 0;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const textEnd = lt < 0 ? doc.length : lt;
    const between = doc.slice(i, textEnd);
    if (open.length === 0 && between.trim() !== '') return `text outside the root element at ${i}`;
    const amp = entitiesOk(between);
    if (amp >= 0) return `a bare & at ${i + amp}`;
    if (between.includes('>') && open.length === 0) return `a stray > at ${i}`;
    if (lt < 0) break;
    if (doc.startsWith('<!--', lt)) {
      const end = doc.indexOf('-->', lt);
      if (end < 0) return `unclosed comment at ${lt}`;
      i = end + 3;
      continue;
    }
    const m = TAG.exec(doc.slice(lt));
    if (!m) return `a malformed tag at ${lt}: ${doc.slice(lt, lt + 40)}`;
    const [whole, closing, name, attrs, selfClosing] = m;
    if (closing) {
      if (attrs.trim() || selfClosing) return `a closing tag with attributes at ${lt}`;
      if (open.pop() !== name) return `</${name}> at ${lt} closes the wrong element`;
    } else {
      const seen = new Set<string>();
      for (const a of attrs.matchAll(ATTR)) {
        if (seen.has(a[1])) return `attribute ${a[1]} twice at ${lt}`;
        seen.add(a[1]);
        const bad = entitiesOk(a[2]);
        if (bad >= 0) return `a bare & in attribute ${a[1]} at ${lt}`;
      }
      if (open.length === 0 && ++roots > 1) return `a second root element at ${lt}`;
      if (!selfClosing) open.push(name);
    }
    i = lt + whole.length;
  }
  if (open.length) return `unclosed <${open.at(-1)}>`;
  return roots === 1 ? null : 'no root element';
}
