import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { laterFiles, pagesOf, parseManifest } from './manifest';
import { budgetFailures, formatReport, type Budgets, type FileSize } from './report';

/**
 * Run by `npm run build` after `remix build`: prints the JavaScript each page loads, from the
 * browser manifest, and fails when a page is over its budget, so a change that makes a page
 * heavier is seen where it is made. Sizes are gzip at zlib's default level, as the server's
 * `compression` middleware sends them.
 */

const BUDGETS: Budgets = {
  // The page people book from, on any phone: issue 9 sets it at 130 kB.
  'routes/experts.$id': 130_000,
};

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));
const BUILD_DIR = join(PUBLIC_DIR, 'build');

function readManifest(): string {
  const names = readdirSync(BUILD_DIR).filter((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (names.length !== 1) {
    throw new Error(
      `Expected one manifest in ${BUILD_DIR}, found ${names.length}: run remix build.`,
    );
  }
  return readFileSync(join(BUILD_DIR, names[0] ?? ''), 'utf8');
}

/** A built file by its URL, or undefined when the URL is not under the build folder. */
function readBuilt(url: string): Buffer | undefined {
  if (!url.startsWith('/build/')) return undefined;
  try {
    return readFileSync(join(PUBLIC_DIR, url));
  } catch {
    return undefined;
  }
}

function sizeOf(url: string): FileSize {
  const bytes = readBuilt(url);
  if (!bytes) throw new Error(`The manifest lists ${url}, which the build does not have.`);
  return { url, raw: bytes.length, gzip: gzipSync(bytes).length };
}

function main(): number {
  const pages = pagesOf(parseManifest(readManifest())).map((page) => ({
    routeId: page.routeId,
    path: page.path,
    files: page.files.map(sizeOf),
    later: laterFiles(page.files, (url) => readBuilt(url)?.toString('utf8')).map(sizeOf),
  }));
  process.stdout.write(`JavaScript per page\n\n${formatReport(pages, BUDGETS)}\n`);
  const failures = budgetFailures(pages, BUDGETS);
  for (const failure of failures) console.error(failure);
  return failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`Bundle size report failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
