import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** In the data folder (git-ignored), beside the database whose demo logins it opens. */
export const DEMO_PASSWORD_FILE = 'demo-password';

const OWNER_ONLY = 0o600;

export interface DemoPassword {
  password: string;
  file: string;
  /** Made by this call: the seed gives every demo login it, then saves it and prints it once. */
  created: boolean;
  /** Keeps a new password in `file`; called once the logins have it, so a failed run makes none. */
  save(): Promise<void>;
}

/**
 * The password of the demo expert logins of this data folder: random, made on first use and kept
 * in `DATA_DIR/demo-password`, readable by its owner only. A public constant would open every
 * copy of the app, `npm start` (production) included, to anyone who read the README.
 */
export async function demoPassword(dataDir: string): Promise<DemoPassword> {
  const file = path.join(dataDir, DEMO_PASSWORD_FILE);
  try {
    const password = (await fs.readFile(file, 'utf8')).trim();
    if (password) {
      // A copy made by hand, or restored from a backup, may have come with wider permissions.
      await fs.chmod(file, OWNER_ONLY);
      return { password, file, created: false, save: () => Promise.resolve() };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(15).toString('base64url');
  return {
    password,
    file,
    created: true,
    async save() {
      await fs.mkdir(dataDir, { recursive: true });
      await fs.writeFile(file, `${password}\n`, { mode: OWNER_ONLY });
      await fs.chmod(file, OWNER_ONLY);
    },
  };
}
