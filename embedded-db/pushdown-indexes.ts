import { createHash } from 'node:crypto';

import pg from 'pg';
import type { Logger } from 'pino';

/**
 * FerretDB's own indexes are btree indexes on `(_jsonb -> 'field')`, but it pushes an equality
 * filter down as `_jsonb -> 'field' @> '<value>'`, which a btree index cannot answer: every read,
 * even by `_id`, was a scan of the whole table. A GIN index (jsonb_path_ops) on the same
 * expression answers `@>`, so for each field a FerretDB index covers we add one beside it.
 * FerretDB never sees these indexes; dropping a collection drops its table and them with it.
 */
const KEY_EXPRESSION = /\(_jsonb -> '((?:[^']|'')+)'::text\)/g;

/** FerretDB's catalogue of collections, one per database, not an app collection. */
const FERRETDB_METADATA_TABLE = '_ferretdb_database_metadata';

export interface PushdownIndex {
  table: string;
  field: string;
  name: string;
}

/** The GIN indexes that would serve the fields of the btree indexes FerretDB made. */
export function pushdownIndexesFor(
  btreeIndexes: { tablename: string; indexdef: string }[],
): PushdownIndex[] {
  const wanted = new Map<string, PushdownIndex>();
  for (const { tablename, indexdef } of btreeIndexes) {
    if (tablename === FERRETDB_METADATA_TABLE) continue;
    for (const match of indexdef.matchAll(KEY_EXPRESSION)) {
      const field = match[1]!.replaceAll("''", "'");
      const key = `${tablename}\u0000${field}`;
      if (!wanted.has(key)) wanted.set(key, { table: tablename, field, name: indexName(key) });
    }
  }
  return [...wanted.values()];
}

/** Short and stable: PostgreSQL cuts identifiers at 63 bytes. */
function indexName(key: string): string {
  return `pushdown_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * Adds the missing GIN indexes to every collection of `database` (a schema in PostgreSQL).
 * Runs after the app has declared its indexes, while nothing is served yet; each one is built
 * once and kept in the cluster afterwards.
 */
export async function ensurePushdownIndexes(
  postgresUrl: string,
  database: string,
  logger: Logger,
): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string; indexdef: string }>(
      'SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = $1',
      [database],
    );
    const existing = new Set(rows.map((row) => row.indexdef.match(/INDEX (\S+) ON/)?.[1]));
    const missing = pushdownIndexesFor(rows.filter((row) => / USING btree /.test(row.indexdef)));
    let created = 0;
    for (const index of missing) {
      if (existing.has(index.name)) continue;
      const table = client.escapeIdentifier(database) + '.' + client.escapeIdentifier(index.table);
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(index.name)} ON ${table} ` +
          `USING gin ((_jsonb -> ${client.escapeLiteral(index.field)}) jsonb_path_ops)`,
      );
      created += 1;
    }
    if (created > 0) logger.info({ database, created }, 'added indexes for pushed-down filters');
    return created;
  } finally {
    await client.end();
  }
}
