import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned: a new release may add checks or change how it reads a schema. */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** The virtual environment Schemathesis lives in, beside the FerretDB build. */
export function schemathesisVenv(cacheDir: string): string {
  return path.join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}-venv`);
}

async function installedVersion(st: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(st, ['--version']);
    return /version (\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Makes sure Schemathesis (from PyPI) is installed in its own virtual environment under
 * cacheDir, creating it on first use, and returns the path of its `st` command. Needs python3
 * with the venv module (Debian: python3-venv) and access to PyPI the first time.
 */
export async function ensureSchemathesis(
  cacheDir: string,
  say: (line: string) => void,
): Promise<string> {
  const venv = schemathesisVenv(cacheDir);
  const st = path.join(venv, 'bin', 'st');
  if ((await installedVersion(st)) === SCHEMATHESIS_VERSION) return st;
  say(`Installing Schemathesis ${SCHEMATHESIS_VERSION} into ${venv}…`);
  await fs.rm(venv, { recursive: true, force: true });
  await fs.mkdir(cacheDir, { recursive: true });
  try {
    await run('python3', ['-m', 'venv', venv]);
    await run(path.join(venv, 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `schemathesis==${SCHEMATHESIS_VERSION}`,
    ]);
  } catch (error) {
    await fs.rm(venv, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    throw new Error(
      `Could not install Schemathesis (needs python3 with venv, e.g. Debian's python3-venv, ` +
        `and PyPI):\n${detail}`,
    );
  }
  const version = await installedVersion(st);
  if (version !== SCHEMATHESIS_VERSION) {
    throw new Error(`Schemathesis ${SCHEMATHESIS_VERSION} did not install (found ${version}).`);
  }
  return st;
}
