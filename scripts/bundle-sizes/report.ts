export interface FileSize {
  url: string;
  raw: number;
  gzip: number;
}

export interface PageSize {
  routeId: string;
  path: string;
  /** Loaded before the page is interactive: what a budget limits. */
  files: FileSize[];
  /** Fetched afterwards with `import()`. */
  later: FileSize[];
}

/** Gzipped bytes allowed per route id, for the files loaded before the page is interactive. */
export type Budgets = Readonly<Record<string, number>>;

export function total(files: readonly FileSize[]): { raw: number; gzip: number } {
  return files.reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), {
    raw: 0,
    gzip: 0,
  });
}

/** Kilobytes of 1,000 bytes, one decimal. */
export function kilobytes(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths?.[column] ?? 0;
          return rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A route's summary cell for its budget: empty without one. */
function budgetCell(page: PageSize, budgets: Budgets): string {
  const budget = budgets[page.routeId];
  if (budget === undefined) return '';
  return `${kilobytes(budget)} ${total(page.files).gzip <= budget ? 'ok' : 'OVER'}`;
}

/** One line per page with totals, then each page's files. Sizes in kB; gzip as the server sends. */
export function formatReport(pages: readonly PageSize[], budgets: Budgets): string {
  const summary = [
    ['page', 'route', 'files', 'raw kB', 'gzip kB', 'later gzip kB', 'budget kB'],
    ...pages.map((page) => {
      const now = total(page.files);
      const later = total(page.later);
      return [
        page.path,
        page.routeId,
        String(page.files.length),
        kilobytes(now.raw),
        kilobytes(now.gzip),
        page.later.length > 0 ? `+${kilobytes(later.gzip)} (${page.later.length})` : '',
        budgetCell(page, budgets),
      ];
    }),
  ];
  const details = pages.map((page) => {
    const rows = [
      ...page.files.map((file) => [file.url, kilobytes(file.raw), kilobytes(file.gzip)]),
      ...page.later.map((file) => [
        `${file.url} (later)`,
        kilobytes(file.raw),
        kilobytes(file.gzip),
      ]),
    ];
    return `${page.path} (${page.routeId})\n${table(rows, new Set([1, 2])).replace(/^/gm, '  ')}`;
  });
  return [table(summary, new Set([2, 3, 4, 5])), ...details].join('\n\n');
}

/** One sentence per broken budget: a page over it, or a budget naming no page of the build. */
export function budgetFailures(pages: readonly PageSize[], budgets: Budgets): string[] {
  const over = pages.flatMap((page) => {
    const budget = budgets[page.routeId];
    const { gzip } = total(page.files);
    if (budget === undefined || gzip <= budget) return [];
    return [
      `${page.path} (${page.routeId}) loads ${kilobytes(gzip)} kB of gzipped JavaScript before it is interactive, over its budget of ${kilobytes(budget)} kB.`,
    ];
  });
  const unknown = Object.keys(budgets)
    .filter((routeId) => !pages.some((page) => page.routeId === routeId))
    .map((routeId) => `A budget names ${routeId}, which is not a page of this build.`);
  return [...over, ...unknown];
}
