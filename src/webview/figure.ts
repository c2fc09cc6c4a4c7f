// Save the figure on screen: the chart's SVG, made standalone (namespace, size, the panel's background, its legend
// drawn in as SVG text), or a PNG of it drawn through a canvas at twice the pixels. The extension asks where to put
// the file (showSaveDialog); the webview only hands over the bytes, so the strict CSP stays as it is (the PNG's
// intermediate image is a data: URL, which img-src allows).
import type { SavedFigure } from '../shared/webviewMessages';
import type { ChartColors } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_LINE = 16;

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The chart (the first <svg> in `figure`) as a standalone SVG document, its HTML legend drawn under it. */
export function figureSvg(figure: Element, colors: ChartColors): { text: string; width: number; height: number } | undefined {
  const chart = figure.querySelector('svg');
  if (!chart) return undefined;
  const width = Number(chart.getAttribute('width')) || chart.getBoundingClientRect().width;
  const plotHeight = Number(chart.getAttribute('height')) || chart.getBoundingClientRect().height;
  const legendItems = Array.from(figure.querySelectorAll('.legend li'));
  // A colour ramp (the radius map's) goes between the chart and the legend lines.
  const ramp = figure.querySelector('svg.colour-ramp');
  const rampHeight = ramp ? Number(ramp.getAttribute('height')) || ramp.getBoundingClientRect().height : 0;
  const legendTop = plotHeight + rampHeight;
  const height = legendTop + (legendItems.length > 0 ? legendItems.length * LEGEND_LINE + 8 : 0);
  const out = svgElement('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': colors.fontFamily, 'font-size': 11 });
  out.append(svgElement('rect', { width, height, fill: colors.background }));
  const clone = chart.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('style').forEach((style) => style.removeAttribute('nonce'));
  clone.setAttribute('x', '0');
  clone.setAttribute('y', '0');
  clone.setAttribute('color', colors.foreground);
  out.append(clone);
  if (ramp) {
    const rampClone = ramp.cloneNode(true) as SVGSVGElement;
    rampClone.querySelectorAll('style').forEach((style) => style.removeAttribute('nonce'));
    rampClone.setAttribute('x', '0');
    rampClone.setAttribute('y', String(plotHeight));
    rampClone.setAttribute('color', colors.foreground);
    out.append(rampClone);
  }
  legendItems.forEach((item, i) => {
    const y = legendTop + 8 + i * LEGEND_LINE;
    const swatch = item.querySelector<HTMLElement>('.swatch')?.style.getPropertyValue('--swatch') ?? colors.muted;
    out.append(svgElement('line', { x1: 8, x2: 26, y1: y + 6, y2: y + 6, stroke: swatch, 'stroke-width': 2 }));
    out.append(svgElement('text', { x: 32, y: y + 10, fill: colors.foreground }, item.textContent ?? ''));
  });
  return { text: new XMLSerializer().serializeToString(out), width, height };
}

/** The SVG drawn onto a canvas at `scale` × its size, as base64 PNG bytes. */
export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the figure could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D canvas to draw the figure on');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

/** The figure in `format`, ready to post to the extension. */
export async function savedFigure(figure: Element, colors: ChartColors, format: SavedFigure['format'], name: string): Promise<SavedFigure | undefined> {
  const svg = figureSvg(figure, colors);
  if (!svg) return undefined;
  return { format, name, data: format === 'svg' ? svg.text : await svgToPng(svg) };
}
