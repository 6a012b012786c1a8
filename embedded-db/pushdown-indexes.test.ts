import { describe, expect, it } from 'vitest';

import { pushdownIndexesFor } from './pushdown-indexes';

describe('pushdownIndexesFor', () => {
  it('wants one GIN index per field of the btree indexes, once per table and field', () => {
    const indexes = pushdownIndexesFor([
      {
        tablename: 'bookings_1',
        indexdef:
          "CREATE UNIQUE INDEX b_id ON app.bookings_1 USING btree (((_jsonb -> '_id'::text)))",
      },
      {
        tablename: 'bookings_1',
        indexdef:
          'CREATE INDEX b_slot ON app.bookings_1 USING btree ' +
          "(((_jsonb -> 'expertId'::text)), ((_jsonb -> 'month'::text)) DESC)",
      },
      {
        tablename: 'experts_2',
        indexdef:
          "CREATE UNIQUE INDEX e_id ON app.experts_2 USING btree (((_jsonb -> '_id'::text)))",
      },
      {
        tablename: '_ferretdb_database_metadata',
        indexdef:
          'CREATE UNIQUE INDEX m ON app._ferretdb_database_metadata USING btree ' +
          "(((_jsonb -> 'table'::text)))",
      },
    ]);

    expect(indexes.map(({ table, field }) => `${table}.${field}`)).toEqual([
      'bookings_1._id',
      'bookings_1.expertId',
      'bookings_1.month',
      'experts_2._id',
    ]);
    expect(new Set(indexes.map((index) => index.name)).size).toBe(4);
    expect(indexes.every((index) => /^pushdown_[0-9a-f]{24}$/.test(index.name))).toBe(true);
  });

  it("reads a field name with a quote in it as PostgreSQL wrote it (doubled '')", () => {
    const [index] = pushdownIndexesFor([
      {
        tablename: 't',
        indexdef: "CREATE INDEX i ON app.t USING btree (((_jsonb -> 'it''s'::text)))",
      },
    ]);
    expect(index?.field).toBe("it's");
  });
});
