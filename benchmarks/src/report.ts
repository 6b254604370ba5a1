import type { ResultRow, TaskResult } from './types.js';

function cell(v: ResultRow[string]): string {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? v.toPrecision(4) : v.toExponential(3);
  }
  return String(v).replaceAll('|', '\\|');
}

/** A Markdown table of rows, columns in first-seen order. */
export function markdownTable(rows: readonly ResultRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  if (columns.length === 0) return '_no rows_\n';
  const head = `| ${columns.join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |\n`;
  return head + rows.map((r) => `| ${columns.map((c) => cell(r[c] ?? null)).join(' | ')} |`).join('\n') + '\n';
}

/** One task's result as a Markdown section. */
export function markdownReport(result: TaskResult): string {
  const m = result.machine;
  const lines = [
    `## ${result.task} (scale: ${result.scale})`,
    '',
    `seed ${result.seed} · ${(result.wallTimeMs / 1000).toFixed(1)} s · ${m.cpus} × ${m.cpuModel} · node ${m.node}` +
      (result.backend !== null ? ` · tfjs ${result.backend}` : ''),
    '',
    markdownTable(result.rows),
  ];
  const metrics = Object.entries(result.metrics);
  if (metrics.length > 0) {
    lines.push('| metric | value |', '| --- | --- |', ...metrics.map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  }
  for (const note of result.notes ?? []) lines.push(`> ${note}`, '');
  return lines.join('\n');
}
