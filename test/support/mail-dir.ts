import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach } from 'vitest';

/** A fresh folder for `.eml` files before each test, removed after it. */
export function useMailDir() {
  const dir = { path: '' };
  beforeEach(async () => {
    dir.path = await fs.mkdtemp(path.join(os.tmpdir(), 'expert-booking-mail-'));
  });
  afterEach(async () => {
    await fs.rm(dir.path, { recursive: true, force: true });
  });
  return {
    get path() {
      return dir.path;
    },
    /** Every entry in the folder, sorted: `.eml` files and anything else left behind. */
    async entries(): Promise<string[]> {
      return (await fs.readdir(dir.path).catch(() => [])).sort();
    },
  };
}
