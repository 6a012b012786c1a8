import fs from 'node:fs';
import path from 'node:path';

import mongoose from 'mongoose';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { bulkWriteInChunks, insertInChunks, isDuplicateKeyError } from '.';
import { useEmptiedTestDatabase } from '../test/support/database';
import { AVOIDED_SHAPES, QUERY_SHAPES, type QueryShape } from './query-shapes';

/**
 * Runs every shape of db/query-shapes.ts against the test server (the embedded FerretDB, or
 * MONGODB_URI) and checks the answer against MongoDB's documented behaviour; where the list says
 * FerretDB differs, its known answer is accepted from FerretDB only. Also fails when the app's
 * code sends a model call or an operator that the list does not name.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SCANNED = ['models', 'server', 'embedded-db'];
/** Calls on a `…Model` chain that are shapes; anything else on one must be added to the list. */
const OPERATOR = /^\$[a-z][a-zA-Z]*$/;
const CHUNKED = new Set(['bulkWriteInChunks', 'insertInChunks']);
/**
 * The helper itself, the list, which names what the app avoids, and the launcher's bench, which
 * measures FerretDB with reads the app never sends.
 */
const NOT_SCANNED = [
  'models/chunked-writes.ts',
  'models/query-shapes.ts',
  'embedded-db/bench.ts',
].map((file) => path.join(...file.split('/')));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** The root of `a.b(...).c(...)`: `a`. An awaited or parenthesised value is not a model's. */
function chainRoot(expression: ts.Expression): ts.Expression {
  let root = expression;
  while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) root = root.expression;
  return root;
}

/**
 * What the app's code sends, found in its syntax (comments and text aside): every `$` operator
 * in a string or a property name, every method called on a chain that starts at a `…Model`
 * (BookingModel.find(…).limit(…).lean()), and every call of the chunked-write helpers. Answers
 * each with the files it is in.
 */
function scanSources(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (token: string, file: string) => {
    const files = found.get(token) ?? new Set<string>();
    files.add(path.relative(ROOT, file));
    found.set(token, files);
  };
  for (const file of SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    if (NOT_SCANNED.some((skipped) => file.endsWith(skipped))) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node) => {
      if (
        (ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isIdentifier(node)) &&
        OPERATOR.test(node.text)
      ) {
        add(node.text, file);
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isIdentifier(callee) && CHUNKED.has(callee.text)) add(callee.text, file);
        if (ts.isPropertyAccessExpression(callee)) {
          const root = chainRoot(callee.expression);
          if (ts.isIdentifier(root) && /Model$/.test(root.text)) add(`.${callee.name.text}`, file);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const listed = (shape: QueryShape) => [...shape.calls, ...shape.operators];

describe('the list of query shapes', () => {
  const found = scanSources();

  it('names every model call and operator that models/, server/ and embedded-db/ send', () => {
    const known = new Set(QUERY_SHAPES.flatMap(listed));
    const unlisted = [...found]
      .filter(([token]) => !known.has(token))
      .map(([token, files]) => `${token} (${[...files].join(', ')})`);
    expect(unlisted, 'add these to a shape in models/query-shapes.ts, and check them').toEqual([]);
  });

  it('names nothing the code no longer sends', () => {
    const stale = [...new Set(QUERY_SHAPES.flatMap(listed))].filter((token) => !found.has(token));
    expect(stale, 'remove these from models/query-shapes.ts').toEqual([]);
  });

  it('points at files that exist, and says how the app copes with every difference', () => {
    const differences = [
      ...QUERY_SHAPES.flatMap((shape) => (shape.differs ? [shape.differs] : [])),
      ...AVOIDED_SHAPES.map((shape) => shape.why),
    ];
    const files = [
      ...QUERY_SHAPES.flatMap((shape) => shape.usedIn),
      ...differences.map((difference) => difference.provenBy),
    ];
    for (const file of files) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    for (const difference of differences) {
      expect(difference.ferretdb.length).toBeGreaterThan(0);
      expect(difference.app.length).toBeGreaterThan(0);
    }
  });

  it('does not send an operator it lists as avoided, unless a shape of its own sends it', () => {
    const sent = new Set(QUERY_SHAPES.flatMap((shape) => shape.operators));
    for (const { operators } of AVOIDED_SHAPES) {
      for (const operator of operators) {
        if (!sent.has(operator)) expect(found.has(operator), operator).toBe(false);
      }
    }
  });
});

await useEmptiedTestDatabase();

interface Thing {
  _id: mongoose.Types.ObjectId;
  k?: string;
  n?: number;
  m?: number;
  at?: Date;
  ref?: mongoose.Types.ObjectId;
  nested?: { x?: number; y?: number };
  list?: { a: number }[];
  hashes?: string[];
  u?: string;
}

/** A model with no rules of its own: what reaches the server is what the shape says. */
const ThingModel =
  (mongoose.models.CompatThing as mongoose.Model<Thing> | undefined) ??
  mongoose.model<Thing>(
    'CompatThing',
    new mongoose.Schema<Thing>(
      {
        k: String,
        n: Number,
        m: Number,
        at: Date,
        ref: mongoose.Schema.Types.ObjectId,
        nested: { x: Number, y: Number },
        list: [{ _id: false, a: Number }],
        hashes: { type: [String], default: undefined },
        u: String,
      },
      { autoIndex: false, versionKey: false },
    ),
  );

const buildInfo = (await mongoose.connection.db!.admin().command({ buildInfo: 1 })) as object;
/** FerretDB says so in buildInfo; anything else is taken at MongoDB's word. */
const onFerretdb = 'ferretdbVersion' in buildInfo;

const things = (fields: Partial<Thing>[]) =>
  ThingModel.collection.insertMany(
    fields.map((doc) => ({ _id: new mongoose.Types.ObjectId(), ...doc })),
  );

async function explain(filter: object, options: { sort?: object; limit?: number } = {}) {
  return (await mongoose.connection.db!.command({
    explain: { find: ThingModel.collection.collectionName, filter, ...options },
  })) as { filterPushdown?: boolean; sortPushdown?: boolean; limitPushdown?: boolean };
}

const ids = (docs: { _id: unknown }[]) => docs.map(({ _id }) => String(_id)).sort();

/** Starts `count` copies of `work` together; answers what each gave. */
function race<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => work(index)));
}

const checks: Record<string, () => Promise<void>> = {
  async 'find by _id'() {
    const { insertedIds } = await things([
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ]);
    const found = await ThingModel.findById(insertedIds[1], { n: 1 }).lean();
    expect(found).toEqual({ _id: insertedIds[1], n: 2 });
    expect(await ThingModel.findById(new mongoose.Types.ObjectId()).lean()).toBeNull();
  },

  async 'find by top-level equalities'() {
    const ref = new mongoose.Types.ObjectId();
    const { insertedIds } = await things([
      { k: 'a', ref, n: 1 },
      { k: 'a', ref: new mongoose.Types.ObjectId(), n: 1 },
      { k: 'b', ref, n: 1 },
    ]);
    expect(ids(await ThingModel.find({ k: 'a', ref }).lean())).toEqual([String(insertedIds[0])]);
    expect(ids(await ThingModel.find({ n: 1 }).lean().exec())).toHaveLength(3);
    expect((await ThingModel.findOne({ k: 'b' }, { _id: 1 }).lean())?._id).toEqual(insertedIds[2]);
    expect(await ThingModel.exists({ k: 'b', ref })).toEqual({ _id: insertedIds[2] });
    expect(await ThingModel.exists({ k: 'c' })).toBeNull();
    if (onFerretdb) expect((await explain({ k: 'a', ref })).filterPushdown).toBe(true);
  },

  async 'find by equality, limited'() {
    await things([{ k: 'l' }, { k: 'l' }, { k: 'l' }, { k: 'other' }]);
    const found = await ThingModel.find({ k: 'l' }).limit(2).lean();
    expect(found).toHaveLength(2);
    expect(found.every((thing) => thing.k === 'l')).toBe(true);
    if (onFerretdb) expect((await explain({ k: 'l' }, { limit: 2 })).limitPushdown).toBe(false);
  },

  async 'find documents missing a field'() {
    const { insertedIds } = await things([
      { k: 'with', m: 1, nested: { x: 1 } },
      { k: 'without' },
      { k: 'half', nested: { y: 1 } },
    ]);
    expect(ids(await ThingModel.find({ m: { $exists: false } }).lean())).toEqual(
      ids([{ _id: insertedIds[1] }, { _id: insertedIds[2] }]),
    );
    expect(ids(await ThingModel.find({ 'nested.x': { $exists: false } }).lean())).toEqual(
      ids([{ _id: insertedIds[1] }, { _id: insertedIds[2] }]),
    );
    if (onFerretdb) expect((await explain({ m: { $exists: false } })).filterPushdown).toBe(false);
  },

  async 'update by _id: $set, $unset, $push of a history entry, $max'() {
    const { insertedIds } = await things([{ k: 'a', n: 5, m: 1, list: [{ a: 1 }] }]);
    const _id = insertedIds[0];
    const result = await ThingModel.updateOne(
      { _id },
      { $set: { k: 'b' }, $unset: { m: 1 }, $push: { list: { a: 2 } } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await ThingModel.findById(_id).lean()).toEqual({
      _id,
      k: 'b',
      n: 5,
      list: [{ a: 1 }, { a: 2 }],
    });

    // $max changes the field only when the new value is greater.
    expect(await ThingModel.updateOne({ _id }, { $max: { n: 3 } })).toMatchObject({
      matchedCount: 1,
      modifiedCount: 0,
    });
    expect(await ThingModel.updateOne({ _id }, { $max: { n: 9 } })).toMatchObject({
      modifiedCount: 1,
    });
    expect((await ThingModel.findById(_id).lean())?.n).toBe(9);

    // A filter that no longer matches changes nothing and returns nothing.
    const updated = await ThingModel.findOneAndUpdate(
      { _id, k: 'b' },
      { $set: { k: 'c' } },
      { new: true },
    ).lean();
    expect(updated?.k).toBe('c');
    expect(
      await ThingModel.findOneAndUpdate(
        { _id, k: 'b' },
        { $set: { k: 'd' } },
        { new: true },
      ).lean(),
    ).toBeNull();
    expect(await ThingModel.updateOne({ _id, k: 'b' }, { $set: { k: 'e' } })).toMatchObject({
      matchedCount: 0,
    });

    // Racing conditional updates from one state: MongoDB lets exactly one match.
    await ThingModel.updateOne({ _id }, { $set: { n: 0 } });
    const raced = await race(8, (index) =>
      ThingModel.updateOne({ _id, n: 0 }, { $set: { n: index + 1 } }),
    );
    const winners = raced.filter((answer) => answer.modifiedCount === 1).length;
    if (onFerretdb) expect(winners).toBeGreaterThanOrEqual(1);
    else expect(winners).toBe(1);
  },

  async 'update every match: $set'() {
    await things([
      { k: 'x', n: 1 },
      { k: 'x', n: 2 },
      { k: 'y', n: 3 },
    ]);
    expect(await ThingModel.updateMany({ k: 'x' }, { $set: { m: 7 } })).toMatchObject({
      matchedCount: 2,
      modifiedCount: 2,
    });
    expect(await ThingModel.countDocuments({ m: 7 })).toBe(2);
  },

  async 'upsert by a unique field, returning the new document'() {
    await ThingModel.collection.createIndex({ u: 1 }, { unique: true });
    const created = await ThingModel.findOneAndUpdate(
      { u: 'ada' },
      { $set: { n: 1 }, $unset: { m: 1 } },
      { upsert: true, new: true },
    ).lean();
    expect(created).toMatchObject({ u: 'ada', n: 1 });
    const again = await ThingModel.findOneAndUpdate(
      { u: 'ada' },
      { $set: { n: 2, m: 3 } },
      { upsert: true, new: true },
    ).lean();
    expect(again).toMatchObject({ _id: created!._id, u: 'ada', n: 2, m: 3 });
    expect(await ThingModel.countDocuments({ u: 'ada' })).toBe(1);

    // An update that breaks the unique index is refused: 11000 on MongoDB, 1 on FerretDB.
    await things([{ u: 'grace' }]);
    const refused = await ThingModel.updateOne({ u: 'grace' }, { $set: { u: 'ada' } }).catch(
      (error: unknown) => error,
    );
    expect(isDuplicateKeyError(refused)).toBe(true);
    expect((refused as { code?: number }).code).toBe(onFerretdb ? 1 : 11000);
  },

  async 'conditional delete of one document (a claim taken over, a seat freed)'() {
    const now = new Date('2030-01-07T09:00:00Z');
    const { insertedIds } = await things([{ at: new Date(now.getTime() - 1) }, { at: now }]);
    const [stale, fresh] = [insertedIds[0], insertedIds[1]];
    expect(await ThingModel.deleteOne({ _id: fresh, at: { $lt: now } })).toMatchObject({
      deletedCount: 0,
    });
    expect(await ThingModel.deleteOne({ _id: fresh, at: { $lte: now } })).toMatchObject({
      deletedCount: 1,
    });
    const raced = await race(6, () => ThingModel.deleteOne({ _id: stale, at: { $lt: now } }));
    expect(raced.reduce((sum, answer) => sum + answer.deletedCount, 0)).toBe(1);
  },

  async 'delete by equalities'() {
    await things([{ k: 'gone' }, { k: 'gone' }, { k: 'one' }, { k: 'one' }, { k: 'kept' }]);
    expect(await ThingModel.deleteMany({ k: 'gone' })).toMatchObject({ deletedCount: 2 });
    expect(await ThingModel.deleteOne({ k: 'one' })).toMatchObject({ deletedCount: 1 });
    expect(await ThingModel.countDocuments({})).toBe(2);
  },

  async 'delete what has expired (a background sweep)'() {
    const now = new Date('2030-01-07T09:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    await things([{ at: at(-60_000) }, { at: now }, { at: at(1) }, { k: 'no time' }]);
    expect(await ThingModel.deleteMany({ at: { $lte: now } })).toMatchObject({ deletedCount: 2 });
    expect((await ThingModel.find({}).lean()).map((thing) => thing.at ?? thing.k)).toEqual(
      expect.arrayContaining([at(1), 'no time']),
    );
    expect(await ThingModel.countDocuments({})).toBe(2);
  },

  async 'insert one document; a unique index decides'() {
    const _id = new mongoose.Types.ObjectId();
    await ThingModel.create({ _id, k: 'first' });
    expect(await ThingModel.findById(_id).lean()).toMatchObject({ _id, k: 'first' });
    const refused = await ThingModel.create({ _id, k: 'second' }).catch((error: unknown) => error);
    expect((refused as { code?: number }).code).toBe(11000);
    // A fresh id: one derived from `_id` by its last digit was `_id` itself one time in 16.
    const contested = new mongoose.Types.ObjectId();
    const racers = await race(6, (index) =>
      ThingModel.create({ _id: contested, n: index }).then(
        () => 'created',
        (error: unknown) => (isDuplicateKeyError(error) ? 'refused' : error),
      ),
    );
    expect(racers.filter((answer) => answer === 'created')).toHaveLength(1);
    expect(racers.filter((answer) => answer === 'refused')).toHaveLength(5);

    // MongoDB stores any UTF-8 string; PostgreSQL text cannot hold a NUL.
    const withNul = ThingModel.collection.insertOne({
      _id: new mongoose.Types.ObjectId(),
      k: 'a\u0000b',
    });
    if (onFerretdb) await expect(withNul).rejects.toThrow();
    else await expect(withNul).resolves.toMatchObject({ acknowledged: true });
  },

  async 'write commands of many statements, a few at a time'() {
    const docs = Array.from({ length: 40 }, (_, n) => ({ _id: new mongoose.Types.ObjectId(), n }));
    await insertInChunks(ThingModel.collection, docs, { ordered: true });
    const result = await bulkWriteInChunks(
      ThingModel,
      docs.map(({ _id }) => ({
        updateOne: { filter: { _id, m: { $exists: false } }, update: { $set: { m: 1 } } },
      })),
      { ordered: false },
    );
    expect(result).toMatchObject({ matchedCount: 40, modifiedCount: 40 });
    expect(await ThingModel.countDocuments({ m: 1 })).toBe(40);
  },

  async 'create collections and indexes, list and drop an index'() {
    await ThingModel.createCollection();
    await ThingModel.collection.createIndex({ k: 1, n: 1 }, { name: 'k_n' });
    expect((await ThingModel.collection.indexes()).map(({ name }) => name)).toContain('k_n');
    await ThingModel.collection.dropIndex('k_n');
    expect((await ThingModel.collection.indexes()).map(({ name }) => name)).not.toContain('k_n');
    await ThingModel.createIndexes();
  },
};

const avoidedChecks: Record<string, () => Promise<void>> = {
  async '$push with $each and $slice (a capped list)'() {
    const { insertedIds } = await things([{ hashes: [] }]);
    const pushed = Array.from({ length: 13 }, (_, index) => `h${index}`);
    for (const hash of pushed) {
      await ThingModel.updateOne(
        { _id: insertedIds[0] },
        { $push: { hashes: { $each: [hash], $slice: -10 } } },
      );
    }
    const { hashes } = (await ThingModel.findById(insertedIds[0]).lean())!;
    expect(hashes).toEqual(onFerretdb ? pushed : pushed.slice(-10));
  },

  async 'findOneAndDelete as a one-time read'() {
    const { insertedIds } = await things([{ k: 'link' }, { k: 'link' }]);
    const [first, second] = [insertedIds[0], insertedIds[1]];
    const got = await race(6, () => ThingModel.findOneAndDelete({ _id: first }).lean());
    const winners = got.filter((answer) => answer !== null).length;
    if (onFerretdb) expect(winners).toBeGreaterThanOrEqual(1);
    else expect(winners).toBe(1);

    // The app's way: read, then delete; the one whose delete removed it may use it.
    const used = await race(6, async () => {
      const link = await ThingModel.findById(second).lean();
      if (!link) return false;
      return (await ThingModel.deleteOne({ _id: second })).deletedCount === 1;
    });
    expect(used.filter(Boolean)).toHaveLength(1);
  },

  async 'arrays of arrays'() {
    const nested = ThingModel.collection.insertOne({
      _id: new mongoose.Types.ObjectId(),
      k: [[1]],
    });
    if (onFerretdb) await expect(nested).rejects.toThrow();
    else await expect(nested).resolves.toMatchObject({ acknowledged: true });

    const arraysOfArrays = (schema: mongoose.Schema, prefix: string): string[] => {
      const found: string[] = [];
      schema.eachPath((name, type) => {
        const inner = (type as { $embeddedSchemaType?: { instance?: string } }).$embeddedSchemaType;
        if (type.instance === 'Array' && inner?.instance === 'Array') found.push(prefix + name);
        const sub = (type as { schema?: mongoose.Schema }).schema;
        if (sub) found.push(...arraysOfArrays(sub, `${prefix}${name}.`));
      });
      return found;
    };
    const names = mongoose.modelNames().filter((name) => name !== 'CompatThing');
    expect(names).toEqual(expect.arrayContaining(['Booking', 'Expert', 'TimeHold']));
    expect(
      names.flatMap((name) => arraysOfArrays(mongoose.model(name).schema, `${name}.`)),
    ).toEqual([]);
  },

  async 'sort, count, $in and ranges on requests a person waits for'() {
    await things([
      { k: 'a', n: 3 },
      { k: 'a', n: 1 },
      { k: 'a', n: 2 },
      { k: 'b', n: 4 },
    ]);
    const sorted = await ThingModel.find({ k: 'a' }).sort({ n: 1 }).lean();
    expect(sorted.map(({ n }) => n)).toEqual([1, 2, 3]);
    expect(await ThingModel.countDocuments({ n: { $gt: 1 } })).toBe(3);
    expect(await ThingModel.countDocuments({ k: { $in: ['a', 'b'] } })).toBe(4);
    if (onFerretdb) {
      expect((await explain({ k: 'a' }, { sort: { n: 1 } })).sortPushdown).toBe(false);
      expect((await explain({ n: { $gt: 1 } })).filterPushdown).toBe(false);
      expect((await explain({ k: { $in: ['a', 'b'] } })).filterPushdown).toBe(false);
    }
  },
};

describe('every shape, against the test server', () => {
  it('has a check, and every check a shape', () => {
    expect(Object.keys(checks).sort()).toEqual(QUERY_SHAPES.map(({ name }) => name).sort());
    expect(Object.keys(avoidedChecks).sort()).toEqual(
      AVOIDED_SHAPES.map(({ name }) => name).sort(),
    );
  });

  for (const shape of QUERY_SHAPES) {
    it(`${shape.name}: answers as MongoDB documents${shape.differs ? ', or as the list says FerretDB does' : ''}`, async () => {
      await checks[shape.name]!();
    });
  }

  for (const shape of AVOIDED_SHAPES) {
    it(`avoided, ${shape.name}: FerretDB answers as the list says`, async () => {
      await avoidedChecks[shape.name]!();
    });
  }
});
