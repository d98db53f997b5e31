// Draws the bar charts of <BarChart> with Chart.js (canvas). Loaded with import() by BarChart only,
// so the library is a chunk of its own, fetched when a chart is first shown (the dashboards).
// Only the bar controller, its scales, the legend and tooltips are registered (tree-shaken).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { BarChartSpec } from './BarChart.tsx';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Same colours as the page (styles.css): dark text, and bars ≥ 3:1 against the white background
// (WCAG 1.4.11): blue #1b4b8a (8.9:1), brown #7a4100 (8.6:1) drawn with stripes so that the second
// series differs by its pattern as well as its hue.
const TEXT = '#161616';
const SOFT_TEXT = '#3a3a3a';
const COLOURS = ['#1b4b8a', '#7a4100'];
const FONT_SIZE = 15;
const LINE = 18;

function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}

/** Diagonal stripes of `colour` on white, for the second series (not told apart by colour alone). */
function stripes(colour: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(-2, 10);
  ctx.lineTo(10, -2);
  ctx.moveTo(-2, 2);
  ctx.lineTo(2, -2);
  ctx.moveTo(6, 10);
  ctx.lineTo(10, 6);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** A canvas context to measure text in the charts' font. */
function measurer(font: string): (text: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (t) => t.length * 9;
  ctx.font = font;
  return (t) => ctx.measureText(t).width;
}

/** A category name on as many lines as it needs to fit `max` pixels (one word may be wider). */
export function wrapLabel(label: string, max: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && measure(`${line} ${word}`) > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Pixels a category name may take in a drawing `width` pixels wide: Chart.js gives the names'
 * axis at most half of what the value labels leave (bars across), or one bar's slot (bars up).
 */
function labelWidth(spec: BarChartSpec, width: number, room: number): number {
  if (spec.horizontal) return Math.max(60, Math.min(240, (width - room) / 2 - 16));
  return Math.max(40, width / Math.max(1, spec.labels.length) - 8);
}

/** The drawing's height: the categories are evenly spaced, each as tall as the tallest needs. */
function heightFor(spec: BarChartSpec, labels: string[][]): number {
  const lines = Math.max(1, ...labels.map((l) => l.length));
  if (!spec.horizontal) return 300 + (lines - 1) * LINE;
  const bars = Math.max(1, spec.series.length);
  const row = Math.max(bars * 30 + 10, lines * LINE + 12);
  return Math.max(140, labels.length * row + 24 + (bars > 1 ? 40 : 0));
}

/** Writes each bar's value (the series' display text) at the end of the bar: never colour alone. */
function valueLabels(spec: BarChartSpec, family: string): Plugin<'bar'> {
  return {
    id: 'passnumValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `700 ${FONT_SIZE}px ${family}`;
      ctx.fillStyle = TEXT;
      chart.data.datasets.forEach((_, di) => {
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        meta.data.forEach((bar, i) => {
          const text = spec.series[di]?.display[i];
          if (text === undefined) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          if (spec.horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, x + 6, y);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, x, y - 4);
          }
        });
      });
      ctx.restore();
    },
  };
}

/** Room for the widest value written after a bar (across) or above it (up). */
function labelRoom(spec: BarChartSpec, family: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 120;
  ctx.font = `700 ${FONT_SIZE}px ${family}`;
  return (
    Math.ceil(Math.max(0, ...spec.series.flatMap((s) => s.display.map((t) => ctx.measureText(t).width)))) + 12
  );
}

export function reducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * Draws the chart on the canvas, whose parent box gets the height the bars need (again when its
 * width changes: names wrap to the width). `onDrawn` is called once the bars are in place (after
 * the animation, if any). The caller destroys the chart when the data change or it unmounts.
 */
export function drawBarChart(
  canvas: HTMLCanvasElement,
  spec: BarChartSpec,
  onDrawn: () => void,
): { destroy(): void } {
  const family = fontFamily();
  const box = canvas.parentElement!;
  const several = spec.series.length > 1;
  const room = spec.horizontal ? labelRoom(spec, family) : 0;
  const measure = measurer(`${FONT_SIZE}px ${family}`);
  let wrap = labelWidth(spec, box.clientWidth, room);
  const labelsAt = (w: number) => spec.labels.map((l) => wrapLabel(l, w, measure));
  const labels = labelsAt(wrap);
  box.style.height = `${heightFor(spec, labels)}px`;
  const font = { family, size: FONT_SIZE };
  const config: ChartConfiguration<'bar', number[], string[]> = {
    type: 'bar',
    data: {
      labels,
      datasets: spec.series.map((s, i) => {
        const colour = COLOURS[i % COLOURS.length];
        return {
          label: s.label,
          data: s.values,
          backgroundColor: i === 0 ? colour : stripes(colour),
          borderColor: colour,
          borderWidth: 2,
          borderSkipped: false,
          categoryPercentage: spec.histogram ? 0.96 : 0.8,
          barPercentage: spec.histogram ? 1 : 0.9,
          maxBarThickness: spec.horizontal ? 32 : 64,
        };
      }),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400, onComplete: onDrawn },
      layout: {
        padding: spec.horizontal ? { right: labelRoom(spec, family), top: 4 } : { top: FONT_SIZE + 10 },
      },
      font,
      color: TEXT,
      scales: {
        // The values are written on the bars: the value axis only gives the zero line.
        [spec.horizontal ? 'x' : 'y']: { beginAtZero: true, max: spec.max, display: false, grid: { display: false } },
        [spec.horizontal ? 'y' : 'x']: {
          grid: { display: false },
          border: { color: SOFT_TEXT, width: 1 },
          ticks: { color: TEXT, font, autoSkip: false, maxRotation: 0 },
        },
      },
      plugins: {
        legend: several
          ? {
              display: true,
              position: 'top',
              align: 'start',
              labels: { color: TEXT, font, boxWidth: 32, boxHeight: 18 },
            }
          : { display: false },
        tooltip: {
          titleFont: font,
          bodyFont: font,
          callbacks: {
            title: (items) => spec.labels[items[0]?.dataIndex ?? 0] ?? '',
            label: (item) =>
              `${spec.series[item.datasetIndex]?.label ?? ''} : ${spec.series[item.datasetIndex]?.display[item.dataIndex] ?? ''}`,
          },
        },
      },
      onResize(chart, size) {
        const next = labelWidth(spec, size.width, room);
        if (Math.abs(next - wrap) < 1) return;
        wrap = next;
        const rewrapped = labelsAt(wrap);
        chart.data.labels = rewrapped;
        box.style.height = `${heightFor(spec, rewrapped)}px`;
        chart.update('none');
      },
    },
    plugins: [valueLabels(spec, family)],
  };
  const chart = new Chart(canvas, config);
  if (reducedMotion()) onDrawn();
  return chart;
}
