// A tiny SVG writer: elements as strings with escaped text and attributes, numbers rounded.

/** Escapes the five XML special characters. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? Number(v.toFixed(2)) : escapeXml(v as string)}"`)
    .join('');
}

/**
 * One element; `children` are already-serialised elements, `text` is escaped.
 *
 * @example
 * el('circle', { cx: 1, cy: 2, r: 3 }) // '<circle cx="1" cy="2" r="3"/>'
 */
export function el(name: string, a: Attrs = {}, children: readonly string[] = [], text?: string): string {
  const body = (text === undefined ? '' : escapeXml(text)) + children.join('');
  return body === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;
}

/**
 * A whole SVG document of the given size.
 *
 * @example
 * svgDocument(100, 50, [el('rect', { width: 10, height: 10 })]).startsWith('<svg') // true
 */
export function svgDocument(width: number, height: number, children: readonly string[]): string {
  return `${el('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'sans-serif', 'font-size': 12 }, children)}\n`;
}
