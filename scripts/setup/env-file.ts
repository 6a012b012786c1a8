const SET = /^[ \t]*SESSION_SECRET[ \t]*=[ \t]*\S/m;
const EMPTY = /^[ \t]*SESSION_SECRET[ \t]*=[ \t]*$/m;

/**
 * The `.env` text with `secret` as its SESSION_SECRET, or undefined when it already sets one.
 * An empty `SESSION_SECRET=` line (copied from .env.example) is filled in where it stands.
 */
export function withSessionSecret(envText: string, secret: string): string | undefined {
  if (SET.test(envText)) return undefined;
  const line = `SESSION_SECRET=${secret}`;
  if (EMPTY.test(envText)) return envText.replace(EMPTY, line);
  const separator = envText === '' || envText.endsWith('\n') ? '' : '\n';
  return (
    `${envText}${separator}# Signs the session cookie. Made by \`npm run setup\` for this clone; ` +
    `keep it secret.\n${line}\n`
  );
}
