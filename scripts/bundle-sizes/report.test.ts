import { describe, expect, it } from 'vitest';

import { budgetFailures, formatReport, kilobytes, total, type PageSize } from './report';

const EXPERT_PAGE: PageSize = {
  routeId: 'routes/experts.$id',
  path: '/experts/:id',
  files: [
    { url: '/build/entry.client-A.js', raw: 400, gzip: 300 },
    { url: '/build/routes/experts.$id-B.js', raw: 120_000, gzip: 38_000 },
  ],
  later: [{ url: '/build/_shared/esm-C.js', raw: 43_000, gzip: 13_500 }],
};
const LIST_PAGE: PageSize = {
  routeId: 'routes/experts._index',
  path: '/experts',
  files: [{ url: '/build/entry.client-A.js', raw: 400, gzip: 300 }],
  later: [],
};

describe('total and kilobytes', () => {
  it('adds raw and gzipped bytes, shown in kB of 1,000 bytes', () => {
    expect(total(EXPERT_PAGE.files)).toEqual({ raw: 120_400, gzip: 38_300 });
    expect(total([])).toEqual({ raw: 0, gzip: 0 });
    expect(kilobytes(130_000)).toBe('130.0');
    expect(kilobytes(38_349)).toBe('38.3');
  });
});

describe('budgetFailures', () => {
  it('passes a page at or under its budget, and pages without one', () => {
    expect(budgetFailures([EXPERT_PAGE, LIST_PAGE], { 'routes/experts.$id': 38_300 })).toEqual([]);
  });

  it('names a page over its budget with both figures, counting only what loads first', () => {
    expect(budgetFailures([EXPERT_PAGE], { 'routes/experts.$id': 38_299 })).toEqual([
      '/experts/:id (routes/experts.$id) loads 38.3 kB of gzipped JavaScript before it is interactive, over its budget of 38.3 kB.',
    ]);
  });

  it('fails a budget for a route the build does not have, so a rename cannot drop the check', () => {
    expect(budgetFailures([LIST_PAGE], { 'routes/experts.$id': 130_000 })).toEqual([
      'A budget names routes/experts.$id, which is not a page of this build.',
    ]);
  });
});

describe('formatReport', () => {
  const report = formatReport([LIST_PAGE, EXPERT_PAGE], { 'routes/experts.$id': 130_000 });

  it('prints one aligned line per page with its totals, later chunks and budget', () => {
    expect(report.split('\n\n')[0]).toBe(
      [
        'page          route                  files  raw kB  gzip kB  later gzip kB  budget kB',
        '/experts      routes/experts._index      1     0.4      0.3',
        '/experts/:id  routes/experts.$id         2   120.4     38.3      +13.5 (1)  130.0 ok',
      ].join('\n'),
    );
  });

  it("lists each page's files with their sizes, marking the ones fetched later", () => {
    expect(report.split('\n\n')[2]).toBe(
      [
        '/experts/:id (routes/experts.$id)',
        '  /build/entry.client-A.js           0.4   0.3',
        '  /build/routes/experts.$id-B.js   120.0  38.0',
        '  /build/_shared/esm-C.js (later)   43.0  13.5',
      ].join('\n'),
    );
  });

  it('marks a page over its budget', () => {
    expect(formatReport([EXPERT_PAGE], { 'routes/experts.$id': 1_000 })).toContain('1.0 OVER');
  });
});
