/**
 * The same server with another database: the path of a MongoDB URI names the database, and
 * everything else (hosts, credentials, options) stays. Works for seed lists and `+srv`, which
 * WHATWG URLs do not parse.
 */
export function withDatabaseName(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?#]+)(?:\/[^?#]*)?(\?[^#]*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// URI');
  return `${match[1]}/${encodeURIComponent(dbName)}${match[2] ?? ''}`;
}
