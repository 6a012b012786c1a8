/**
 * Every shape of query, update and write the app sends to its database, in one place, with
 * what FerretDB 1.24 on PostgreSQL (the embedded server) does differently and how the app copes.
 * `ferretdb-compat.test.ts` runs each shape against the test server and checks the answer against
 * MongoDB's documented behaviour, and fails when code under models/ or server/ calls a model
 * method or uses a `$` operator that no shape here lists (or when a shape lists one nobody uses).
 *
 * FerretDB 1.24 reads with SQL only what a top-level equality on a scalar selects (no `$in`,
 * range, `$exists`, sort, count or limit after a filter: those it evaluates in its own process
 * over every document the equality selected). Reads a person waits for are therefore shaped as
 * such equalities, each with its index for a real MongoDB (docs/decisions, DESIGN.md).
 */

export type ShapeKind = 'read' | 'update' | 'delete' | 'insert' | 'index';

export interface Difference {
  /** What FerretDB 1.24 on PostgreSQL does instead of what MongoDB documents. */
  ferretdb: string;
  /** How the app gets MongoDB's behaviour anyway, or why it does not need it. */
  app: string;
  /** The test that proves the app's way holds on the embedded server. */
  provenBy: string;
}

export interface QueryShape {
  /** Names the shape's check in ferretdb-compat.test.ts. */
  name: string;
  kind: ShapeKind;
  /** Model methods and query helpers it calls (`.find`, `.lean`; `bulkWriteInChunks`). */
  calls: readonly string[];
  /** `$` operators it sends. */
  operators: readonly string[];
  /** What it looks like. */
  example: string;
  /** Where it is sent from (a few of the places; the scan checks the calls and operators). */
  usedIn: readonly string[];
  differs?: Difference;
}

/**
 * An update is read, then the whole document written back by `_id` (handler/msg_update.go,
 * backends/postgresql UpdateAll): the filter is evaluated in FerretDB's process, outside the
 * write, and nothing in the write checks it again.
 */
const UPDATE_IS_READ_THEN_WRITE: Difference = {
  ferretdb:
    'not atomic: the filter is evaluated on a read, and the whole document is then written by ' +
    '_id, so two updates racing on one document can both match and the later one undoes the ' +
    'earlier (a conditional update is not a compare-and-set)',
  app:
    'no rule rests on a conditional update alone: changes of one booking take turns on a ' +
    'unique-insert claim (BookingChangeClaim, booking-store.ts), including the manage-token ' +
    'list; the mail outbox claims a message by inserting OutboxClaim; time is held by ' +
    'inserting TimeHold ids; other updates are last-writer-wins by design (an expert editing ' +
    'their own profile)',
  provenBy: 'server/services/bookings/booking-store.test.ts',
};

export const QUERY_SHAPES: readonly QueryShape[] = [
  {
    name: 'find by _id',
    kind: 'read',
    calls: ['.findById', '.lean'],
    operators: [],
    example: 'BookingModel.findById(id, { history: 1 }).lean()',
    usedIn: [
      'server/services/bookings/booking-store.ts',
      'server/services/experts.ts',
      'server/services/accounts.ts',
      'server/mail/outbox-worker.ts',
    ],
  },
  {
    name: 'find by top-level equalities',
    kind: 'read',
    calls: ['.find', '.findOne', '.exists', '.lean', '.exec'],
    operators: [],
    example: "BookingModel.find({ expertId, month, activeKey: 'active' }, { date: 1 }).lean()",
    usedIn: [
      'server/services/bookings/occupancy-store.ts',
      'server/services/console-bookings.ts',
      'server/catalogue/read-model.ts',
      'server/services/accounts.ts',
      'server/services/experts.ts',
    ],
  },
  {
    name: 'find by equality, limited',
    kind: 'read',
    calls: ['.find', '.limit', '.lean'],
    operators: [],
    example: 'BookingBrowserProofModel.find({ browser }).limit(PROOFS_READ).lean()',
    usedIn: ['server/services/bookings/proof-store.ts'],
    differs: {
      ferretdb:
        'the limit is applied in its process after reading every document the equality selects ' +
        '(limit pushdown only without a filter); the answer is the same',
      app: 'the equality selects few documents (one browser), so reading them all costs nothing',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'find documents missing a field',
    kind: 'read',
    calls: ['.find', '.lean'],
    operators: ['$exists'],
    example: 'BookingModel.find({ month: { $exists: false } }, { date: 1 }).lean()',
    usedIn: [
      'models/backfill-field.ts',
      'server/services/bookings/hold-backfill.ts',
      'server/services/availability-migration.ts',
    ],
    differs: {
      ferretdb: 'not pushed down: every document of the collection is read and tested',
      app: "only the start-up back-fills send it, never a request; the bookings' once per database",
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'update by _id: $set, $unset, $push of a history entry, $max',
    kind: 'update',
    calls: ['.updateOne', '.findOneAndUpdate', '.lean'],
    operators: ['$set', '$unset', '$push', '$max'],
    example:
      'BookingModel.findOneAndUpdate({ _id, status, date, timeSlot, activeKey }, ' +
      '{ $set: {...}, $unset: {...}, $push: { history: entry } }, { new: true }).lean()',
    usedIn: [
      'server/services/bookings/booking-store.ts',
      'server/services/bookings/service.ts',
      'server/mail/outbox-worker.ts',
      'server/services/experts.ts',
      'server/services/expert-admin.ts',
    ],
    differs: UPDATE_IS_READ_THEN_WRITE,
  },
  {
    name: 'update every match: $set',
    kind: 'update',
    calls: ['.updateMany'],
    operators: ['$set'],
    example: 'BookingModel.updateMany({ expertId }, { $set: { expertName } })',
    usedIn: ['server/services/expert-admin.ts'],
    differs: UPDATE_IS_READ_THEN_WRITE,
  },
  {
    name: 'upsert by a unique field, returning the new document',
    kind: 'update',
    calls: ['.findOneAndUpdate', '.lean'],
    operators: ['$set', '$unset'],
    example:
      'UserModel.findOneAndUpdate({ email }, { $set: fields, $unset: { expertId: 1 } }, ' +
      '{ upsert: true, new: true }).lean()',
    usedIn: ['server/services/accounts.ts'],
    differs: {
      ferretdb:
        'findAndModify takes no projection (the whole document comes back); an update that ' +
        'breaks a unique index fails with code 1 (InternalError quoting PostgreSQL) instead of ' +
        '11000',
      app:
        'no projection is asked for; isDuplicateKeyError (models/index.ts) reads both codes as ' +
        'the index refusing the write',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'conditional delete of one document (a claim taken over, a seat freed)',
    kind: 'delete',
    calls: ['.deleteOne'],
    operators: ['$lt', '$lte'],
    example: 'BookingChangeClaimModel.deleteOne({ _id, createdAt: { $lt: staleBefore } })',
    usedIn: [
      'models/claims.ts',
      'server/services/bookings/mail-quota.ts',
      'server/services/sign-in-limits.ts',
    ],
    differs: {
      ferretdb:
        'the filter is tested on a read and the document then deleted by _id; of racing ' +
        'deletes only one counts it (PostgreSQL deletes the row once), but a change of the ' +
        'document between the read and the delete is not seen',
      app:
        'the documents so deleted (claims, seats) are never updated, only inserted and ' +
        'deleted, and the caller trusts deletedCount alone',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'delete by equalities',
    kind: 'delete',
    calls: ['.deleteOne', '.deleteMany'],
    operators: [],
    example: 'TimeHoldModel.deleteMany({ bookingId })',
    usedIn: [
      'server/services/bookings/hold-store.ts',
      'server/services/accounts.ts',
      'server/services/sign-in-limits.ts',
    ],
  },
  {
    name: 'delete what has expired (a background sweep)',
    kind: 'delete',
    calls: ['.deleteMany'],
    operators: ['$lte'],
    example: 'SignInLinkModel.deleteMany({ expiresAt: { $lte: now } })',
    usedIn: ['server/services/expired-records.ts'],
    differs: {
      ferretdb:
        "the range is evaluated in FerretDB's process over every document of the collection, " +
        'not in SQL',
      app:
        'only a background sweep every ten minutes sends it, over records that live minutes to ' +
        'hours; no person waits for it',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'insert one document; a unique index decides',
    kind: 'insert',
    calls: ['.create'],
    operators: [],
    example: 'BookingChangeClaimModel.create({ _id: claimId })',
    usedIn: [
      'server/services/bookings/booking-store.ts',
      'server/mail/outbox.ts',
      'server/services/accounts.ts',
    ],
    differs: {
      ferretdb:
        'a string holding a NUL character cannot be stored (PostgreSQL text): the insert fails',
      app: 'input with control characters, NUL among them, is refused with 400 (shared/schemas/fields.ts)',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'write commands of many statements, a few at a time',
    kind: 'insert',
    calls: ['bulkWriteInChunks', 'insertInChunks'],
    operators: ['$set', '$exists'],
    example:
      'bulkWriteInChunks(BookingModel, [{ updateOne: { filter, update: { $set } } }, ...], ' +
      '{ ordered: false })',
    usedIn: [
      'models/backfill-field.ts',
      'server/services/bookings/hold-store.ts',
      'server/services/bookings/hold-backfill.ts',
      'embedded-db/sqlite-migration.ts',
    ],
    differs: {
      ferretdb:
        'each matched update statement keeps a pool connection until its command ends: a ' +
        'command of more statements than the pool, or several filling it together, wedge the ' +
        'server for good',
      app:
        'models/chunked-writes.ts (and embedded-db/insert-in-chunks.ts) send at most 16 statements ' +
        'a command and one multi-statement ' +
        'update at a time; ESLint refuses a bare insertMany/bulkWrite; the pool and the clients ' +
        'are sized for it (embedded-db/ferretdb-server.ts)',
      provenBy: 'models/chunked-writes.test.ts',
    },
  },
  {
    name: 'create collections and indexes, list and drop an index',
    kind: 'index',
    calls: ['.createCollection', '.createIndexes', '.indexes', '.dropIndex'],
    operators: [],
    example: "BookingModel.collection.dropIndex('expertId_1_date_1_timeSlot_1')",
    usedIn: ['models/index.ts', 'models/booking-active-key.ts'],
    differs: {
      ferretdb: 'no partial indexes, and a btree index never answers its own pushed-down @> filter',
      app:
        'a cancelled booking leaves the unique slot index through its activeKey instead of a ' +
        'partial filter; pushdown-indexes.ts adds a GIN index beside each one',
      provenBy: 'embedded-db/embedded-server.test.ts',
    },
  },
];

/** What the app never sends, because FerretDB 1.24 would answer it otherwise or slowly. */
export const AVOIDED_SHAPES: readonly {
  name: string;
  operators: readonly string[];
  why: Difference;
}[] = [
  {
    name: '$push with $each and $slice (a capped list)',
    operators: ['$push', '$each', '$slice'],
    why: {
      ferretdb: '$slice is ignored: the list grows without a cap',
      app:
        'the manage-token list is read, capped in the app and written whole under the ' +
        "booking's revision claim (booking-store.ts addManageTokenHash)",
      provenBy: 'server/services/bookings/booking-store.test.ts',
    },
  },
  {
    name: 'findOneAndDelete as a one-time read',
    operators: [],
    why: {
      ferretdb:
        'the document is read, then deleted by _id without looking at the count: two racing ' +
        'findOneAndDelete calls can both get it',
      app:
        'one-time links are read, then deleted with deleteOne, and only the caller whose ' +
        'deletedCount is 1 may use them (accounts.ts, proof-store.ts)',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'arrays of arrays',
    operators: [],
    why: {
      ferretdb: 'a document holding an array inside an array is refused',
      app: "no model's schema has one (the compatibility test walks every registered model)",
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
  {
    name: 'sort, count, $in and ranges on requests a person waits for',
    operators: ['$in', '$gt', '$gte', '$lt', '$lte'],
    why: {
      ferretdb:
        'evaluated in its process over everything the pushed-down equality selected: a sort ' +
        'or a count reads the whole set, and grows with history',
      app:
        'reads are top-level equalities (the month of a booking, its activeKey), sorted and ' +
        'counted in the app over what they return',
      provenBy: 'models/ferretdb-compat.test.ts',
    },
  },
];
