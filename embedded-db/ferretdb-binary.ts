import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from 'pino';

import { findExecutable, isExecutableFile, runCommand as run } from '../processes';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Lives outside node_modules so that `npm ci` does not throw away a build that took minutes. */
export function ferretdbBinaryPath(cacheDir: string): string {
  return path.join(path.resolve(cacheDir), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/**
 * The FerretDB binary, built with Go on first use. Resolves undefined when it is not built yet
 * and Go is not installed, so the caller can explain the ways out.
 */
export async function ensureFerretdbBinary(options: {
  cacheDir: string;
  logger: Logger;
}): Promise<string | undefined> {
  const binary = ferretdbBinaryPath(options.cacheDir);
  if (await isExecutableFile(binary)) return binary;
  const go = await findExecutable('go');
  if (!go) return undefined;
  await buildFerretdb(go, binary, options.logger);
  return binary;
}

/**
 * `go install .../cmd/ferretdb@version` yields a binary that panics at start: FerretDB embeds
 * build/version/version.txt, which only its own release tooling generates. So we build from a
 * writable copy of the module source with that file written by hand.
 */
async function buildFerretdb(go: string, binary: string, logger: Logger): Promise<void> {
  const started = Date.now();
  logger.info(
    { version: FERRETDB_VERSION, binary },
    'building FerretDB with Go (first time only; downloading its sources can take a few minutes)',
  );
  const progress = setInterval(() => {
    logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'still building FerretDB');
  }, 20_000);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferretdb-build-'));
  // Next to the final path, so the rename below stays on one file system and is atomic.
  const partial = `${binary}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  const env = { ...process.env, GOWORK: 'off', GOFLAGS: '', CGO_ENABLED: '0' };
  const onLine = (line: string) => logger.debug({ go: line }, 'go');
  try {
    const moduleDir = path.join(workDir, 'module');
    await fs.mkdir(moduleDir);
    await run(go, ['mod', 'init', 'ferretdb-build'], { cwd: moduleDir, env, onLine });
    const download = await run(
      go,
      ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
      { cwd: moduleDir, env, onLine },
    );
    const { Dir: moduleSource } = JSON.parse(download) as { Dir?: string };
    if (!moduleSource) throw new Error(`go mod download did not report a source dir: ${download}`);

    // The module cache is read-only; the copy must be writable to add version.txt.
    const source = path.join(workDir, 'src');
    await fs.cp(moduleSource, source, { recursive: true });
    await makeWritable(source);
    await fs.writeFile(
      path.join(source, 'build', 'version', 'version.txt'),
      `${FERRETDB_VERSION}\n`,
    );

    await fs.mkdir(path.dirname(binary), { recursive: true });
    await run(go, ['build', '-buildvcs=false', '-trimpath', '-o', partial, './cmd/ferretdb'], {
      cwd: source,
      env,
      onLine,
    });
    const version = await run(partial, ['--version'], { cwd: workDir, env });
    if (!version.includes(`version: ${FERRETDB_VERSION}`)) {
      throw new Error(`the built FerretDB reports an unexpected version:\n${version}`);
    }
    // Two processes may build at once; each renames a complete file, so neither sees half of one.
    await fs.rename(partial, binary);
    logger.info({ seconds: Math.round((Date.now() - started) / 1000), binary }, 'FerretDB built');
  } catch (error) {
    throw new Error(
      `Could not build FerretDB ${FERRETDB_VERSION} with ${go} (it needs Go 1.24 or newer and ` +
        `access to the Go module proxy): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    clearInterval(progress);
    await fs.rm(partial, { force: true });
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function makeWritable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(entryPath);
    else if (entry.isFile()) await fs.chmod(entryPath, 0o644);
  }
}
