/** The named keys of a page's query; a repeated key stays a list, so the service refuses it. */
export function readQuery<Key extends string>(
  params: URLSearchParams,
  keys: readonly Key[],
): Partial<Record<Key, string | string[]>> {
  const query: Partial<Record<Key, string | string[]>> = {};
  for (const key of keys) {
    const values = params.getAll(key);
    if (values.length === 1) query[key] = values[0];
    else if (values.length > 1) query[key] = values;
  }
  return query;
}

/** The query without the keys a service refused. */
export function withoutKeys<Query extends object>(query: Query, keys: readonly string[]): Query {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !keys.includes(key))) as Query;
}
