// A tiny element builder: text always goes in as text nodes (never innerHTML), so result data cannot inject markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element: Element): void {
  while (element.firstChild) element.firstChild.remove();
}

const NUMBER = /[-+]?\d[\d.]*(?:e[-+]?\d+)?/g;

/**
 * Sets text whose numbers never break inside: each number goes in a nowrap span (a line may still break between
 * numbers, at spaces). Without it "6.7e-4" breaks after its minus sign in a narrow panel.
 */
export function setNumberText(element: Element, text: string): void {
  if (element.textContent === text) return;
  const parts: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    const at = match.index;
    if (at > last) parts.push(document.createTextNode(text.slice(last, at)));
    const span = document.createElement('span');
    span.className = 'num';
    span.textContent = match[0];
    parts.push(span);
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(document.createTextNode(text.slice(last)));
  element.replaceChildren(...parts);
}
