export type Align = 'left' | 'right';

/**
 * A Markdown table padded so that it also reads well in a terminal. The first row is the
 * header; columns without an alignment are left-aligned.
 */
export function markdownTable(rows: readonly (readonly string[])[], align: Align[] = []): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const cell = (row: readonly string[], c: number) => row[c] ?? '';
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(3, ...rows.map((row) => cell(row, c).length)),
  );
  const line = (row: readonly string[]) =>
    `| ${widths
      .map((width, c) =>
        align[c] === 'right' ? cell(row, c).padStart(width) : cell(row, c).padEnd(width),
      )
      .join(' | ')} |`;
  const rule = `|${widths
    .map((width, c) => (align[c] === 'right' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2)))
    .join('|')}|`;
  const [header = [], ...body] = rows;
  return [line(header), rule, ...body.map(line)].join('\n');
}
