/**
 * A static JSX runtime for the content script: builds real DOM from the same components the
 * popup and side panel render with Preact (components/SourceCard.tsx), without Preact's diffing
 * engine. The content script's build resolves `preact` and `preact/jsx-runtime` here
 * (build/lean-content.ts), which keeps it inside its size budget; the popup, side panel and
 * options keep real Preact.
 *
 * What it supports is what a stateless card needs: function components, fragments, arrays,
 * text, attributes (`class`, `aria-*`, `data-*`, booleans) and `on*` event handlers. Hooks,
 * refs, `style` objects and `dangerouslySetInnerHTML` are not supported (the latter two throw):
 * every string becomes a text node, never HTML. `render()` replaces the container's children
 * (re-rendering builds afresh; a hovercard is small). tests/unit/static-jsx.test.ts renders the
 * card with both runtimes and compares the markup.
 */

export interface StaticVNode {
  type: string | ((props: Record<string, unknown>) => unknown);
  props: Record<string, unknown>;
}

type Child = StaticVNode | string | number | boolean | null | undefined | Child[];

export function Fragment(props: { children?: unknown }): unknown {
  return props.children;
}

export function jsx(type: StaticVNode['type'], props: Record<string, unknown> | null): StaticVNode {
  return { type, props: props ?? {} };
}
export { jsx as jsxs, jsx as jsxDEV };

/** Classic `h(type, props, ...children)`. */
export function h(type: StaticVNode['type'], props: Record<string, unknown> | null, ...children: unknown[]): StaticVNode {
  const p: Record<string, unknown> = { ...(props ?? {}) };
  if (children.length) p.children = children.length === 1 ? children[0] : children;
  return { type, props: p };
}
export { h as createElement };

function isVNode(v: unknown): v is StaticVNode {
  return typeof v === 'object' && v !== null && 'type' in v && 'props' in v;
}

function build(v: Child | unknown, doc: Document, out: Node[]): void {
  if (v == null || typeof v === 'boolean') return;
  if (typeof v === 'string' || typeof v === 'number') {
    out.push(doc.createTextNode(String(v)));
    return;
  }
  if (Array.isArray(v)) {
    for (const c of v) build(c, doc, out);
    return;
  }
  if (!isVNode(v)) return;
  if (typeof v.type === 'function') {
    build(v.type(v.props), doc, out);
    return;
  }
  const el = doc.createElement(v.type);
  for (const name in v.props) {
    const value = v.props[name];
    if (name === 'children' || name === 'key' || name === 'ref') continue;
    if (name === 'dangerouslySetInnerHTML' || (name === 'style' && typeof value === 'object')) throw new Error(`static-jsx: ${name} is not supported`);
    if (name[0] === 'o' && name[1] === 'n' && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (value != null && (value !== false || /^(aria|data)-/.test(name))) {
      el.setAttribute(name === 'className' ? 'class' : name, value === true && !/^(aria|data)-/.test(name) ? '' : String(value));
    }
  }
  const children: Node[] = [];
  build(v.props.children, doc, children);
  el.append(...children);
  out.push(el);
}

/** Render `vnode` into `container`, replacing what was there (null empties it). */
export function render(vnode: unknown, container: Element): void {
  const nodes: Node[] = [];
  build(vnode, container.ownerDocument, nodes);
  container.replaceChildren(...nodes);
}
