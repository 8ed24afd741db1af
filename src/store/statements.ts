/**
 * Statements for the hot paths, written here instead of by TypeORM's query builders: the multi-row
 * INSERTs of entries and tree nodes, the lookup of tree nodes for proofs, and the one-row INSERTs,
 * UPDATEs and lookups of every delivery (message, case, outbox item).
 *
 * Why: the insert builder spends ~4 µs a row building its SQL, and on SQLite every builder writes the
 * numbers into the SQL text, so each statement is new to SQLite and parsed again. Measured (tmpfs, so
 * without fsync time): appending 200,000 entries in transactions of 500 went from ~15-25 µs an entry to
 * ~5, entries with their tree nodes from ~40-60 µs to ~10, and a lookup of 40 nodes in a tree of 1M
 * leaves from ~0.8-1.7 ms to ~0.15-0.25 ms.
 *
 * The statements stay portable: table and column names come from the entity metadata, quoting and
 * placeholders from TypeORM's driver (`?` on SQLite, `$1…` on PostgreSQL), and `ON CONFLICT DO NOTHING`
 * is understood by both. Values are bound as they are: only for plain columns (no transformers).
 */
import type { DataSource, EntityManager, EntitySchema, ObjectLiteral, QueryResult } from 'typeorm';

/** Bound parameters per statement: far under SQLite's 32,766 (and PostgreSQL's 65,535). */
const PARAMETERS_PER_STATEMENT = 1500;

/** Keys per lookup: 2 parameters each, so that a proof's ~2·log2(n) nodes take one statement. */
const KEYS_PER_SELECT = 250;

/** What an INSERT does with a row whose primary key (or a unique key) is taken. */
export type OnConflict = 'fail' | 'ignore';

/**
 * Text built once per data source, entity and shape (the statement texts below, the quoted names):
 * building them took several µs of metadata lookups and quoting per statement, on every delivery. The
 * text depends only on the data source's driver, the entity and the key, never on values. The shapes
 * are those the store's code uses (a list in a condition is keyed by its length: keep such lists short
 * and bounded, like the outbox states).
 */
const built = new WeakMap<DataSource, WeakMap<object, Map<string, unknown>>>();

/**
 * The value `build` makes for (`m`'s data source, `target`, `key`), built on first use: for statement
 * text that depends on the driver and the entity only.
 */
export function memo<V>(m: EntityManager, target: object, key: string, build: () => V): V {
  let byTarget = built.get(m.dataSource);
  if (!byTarget) built.set(m.dataSource, (byTarget = new WeakMap()));
  let byKey = byTarget.get(target);
  if (!byKey) byTarget.set(target, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as V;
  const value = build();
  byKey.set(key, value);
  return value;
}

/** The table and the columns of `properties`, quoted as the driver quotes them. */
export function quotedNames<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  properties: ReadonlyArray<keyof T & string>,
): { table: string; columns: string[] } {
  return memo(m, target, `names:${properties.join(',')}`, () => buildQuotedNames(m, target, properties));
}

function buildQuotedNames<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  properties: ReadonlyArray<keyof T & string>,
): { table: string; columns: string[] } {
  const { driver } = m.dataSource;
  const metadata = m.dataSource.getMetadata(target);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.tableName} has no column for property ${property}`);
    return driver.escape(column.databaseName);
  });
  return { table: driver.escape(metadata.tablePath), columns };
}

/** How many rows of `width` columns one statement takes: 500 for three columns. */
export function rowsPerStatement(width: number): number {
  return Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / width));
}

/** Runs one statement on the manager's connection (a transaction's, or one taken from the pool). */
export async function runStatement(
  m: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<QueryResult> {
  const runner = m.queryRunner ?? m.dataSource.createQueryRunner();
  try {
    return await runner.query(sql, parameters, true);
  } finally {
    if (runner !== m.queryRunner) await runner.release();
  }
}

/**
 * Inserts `rows` (entity rows, by property name) with one multi-row INSERT per chunk of
 * {@link rowsPerStatement}. With `'ignore'`, rows whose key is taken are skipped. Returns how many rows
 * were inserted (counting 0 for a statement whose driver does not say).
 */
export async function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  properties: ReadonlyArray<keyof T & string>,
  rows: readonly T[],
  onConflict: OnConflict,
): Promise<number> {
  if (rows.length === 0) return 0;
  const { driver } = m.dataSource;
  const { table, columns } = quotedNames(m, target, properties);
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const tail = onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : '';
  const perStatement = rowsPerStatement(properties.length);

  let inserted = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const placeholders: string[] = [];
      for (const property of properties) {
        placeholders.push(driver.createParameter(property, parameters.length));
        parameters.push(row[property] ?? null);
      }
      tuples.push(`(${placeholders.join(', ')})`);
    }
    const result = await runStatement(m, head + tuples.join(', ') + tail, parameters);
    inserted += result.affected ?? 0;
  }
  return inserted;
}

/**
 * The rows of `target` whose (first, second) key columns equal one of `keys`, as entity rows with the
 * `properties` asked (plain columns only). One statement per 250 keys: an OR of key equalities, each one
 * primary-key search (SQLite: MULTI-INDEX OR; PostgreSQL: a bitmap OR of index scans).
 */
export async function selectByKeys<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  keyProperties: readonly [keyof T & string, keyof T & string],
  keys: ReadonlyArray<readonly [unknown, unknown]>,
  properties: ReadonlyArray<keyof T & string>,
): Promise<T[]> {
  const { driver } = m.dataSource;
  const { table, columns } = quotedNames(m, target, properties);
  const [first, second] = quotedNames(m, target, keyProperties).columns;
  const selected = columns.map((column, i) => `${column} AS ${driver.escape(properties[i]!)}`);
  const head = `SELECT ${selected.join(', ')} FROM ${table} WHERE `;
  const rows: T[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_SELECT) {
    const parameters: unknown[] = [];
    const terms = keys.slice(start, start + KEYS_PER_SELECT).map(([a, b]) => {
      const term = `(${first} = ${driver.createParameter('a', parameters.length)} AND ${second} = ${driver.createParameter('b', parameters.length + 1)})`;
      parameters.push(a, b);
      return term;
    });
    rows.push(...((await m.query(head + terms.join(' OR '), parameters)) as T[]));
  }
  return rows;
}

/**
 * Inserts one entity row with the columns it has values for (a property left undefined gets the
 * column's default, and one that is not a column is left out, as with TypeORM's insert builder). The statement text depends only on which
 * properties are set, so SQLite prepares it once. Fails on a taken key.
 */
export async function insertRow<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  row: T,
): Promise<void> {
  const columns = memo(
    m,
    target,
    'column properties',
    () => new Set(m.dataSource.getMetadata(target).columns.map((c) => c.propertyName)),
  );
  const properties = Object.keys(row).filter((k) => row[k] !== undefined && columns.has(k)) as Array<
    keyof T & string
  >;
  await insertRows(m, target, properties, [row], 'fail');
}

/**
 * Conditions on plain columns, joined with AND: a property equal to a value, or (given an array) to
 * one of its values. The statement text depends on the properties and the array lengths only.
 */
export type Where<T> = { [K in keyof T]?: T[K] | ReadonlyArray<T[K]> };

/** What the text of a WHERE clause depends on: the properties, and the length of each list of values. */
function shapeOf(where: object): string {
  return Object.entries(where)
    .map(([property, value]) => (Array.isArray(value) ? `${property}[${value.length}]` : property))
    .join(',');
}

/** The WHERE clause of `where` (built once per shape), its placeholders numbered from `first`. */
function whereText<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  where: Where<T>,
  first: number,
): string {
  return memo(m, target, `where:${first}:${shapeOf(where)}`, () => buildWhereClause(m, target, where, first));
}

/** Appends the values of `where` to `parameters`, in the order of its placeholders. */
function whereValues<T extends ObjectLiteral>(where: Where<T>, parameters: unknown[]): void {
  for (const value of Object.values(where)) {
    if (Array.isArray(value)) parameters.push(...(value as unknown[]));
    else parameters.push(value);
  }
}

/** The WHERE clause of `where`, its values appended to `parameters`. */
function whereClause<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  where: Where<T>,
  parameters: unknown[],
): string {
  const text = whereText(m, target, where, parameters.length);
  whereValues(where, parameters);
  return text;
}

function buildWhereClause<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  where: Where<T>,
  first: number,
): string {
  const { driver } = m.dataSource;
  const properties = Object.keys(where) as Array<keyof T & string>;
  const { columns } = quotedNames(m, target, properties);
  let next = first;
  const placeholder = () => driver.createParameter('p', next++);
  const terms = properties.map((property, i) => {
    const value = where[property];
    if (!Array.isArray(value)) return `${columns[i]} = ${placeholder()}`;
    return `${columns[i]} IN (${value.map(placeholder).join(', ')})`;
  });
  // No condition: every row (the statement stays valid SQL).
  return terms.length ? terms.join(' AND ') : '1 = 1';
}

/**
 * The first row of `target` matching `where` in the order of `orderBy` (ascending, or descending with
 * `direction`), every column, as an entity row (plain columns only; numbers as the driver gives them),
 * or null.
 */
export async function selectFirst<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  where: Where<T>,
  orderBy: ReadonlyArray<keyof T & string> = [],
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<T | null> {
  const parameters: unknown[] = [];
  const conditions = whereClause(m, target, where, parameters);
  const key = `first:${shapeOf(where)}:${orderBy.join(',')}:${direction}`;
  const sql = memo(m, target, key, () => {
    const { driver } = m.dataSource;
    const properties = m.dataSource.getMetadata(target).columns.map((c) => c.propertyName) as Array<
      keyof T & string
    >;
    const { table, columns } = quotedNames(m, target, properties);
    const selected = columns.map((column, i) => `${column} AS ${driver.escape(properties[i]!)}`);
    const order = orderBy.length
      ? ` ORDER BY ${quotedNames(m, target, orderBy)
          .columns.map((c) => `${c} ${direction}`)
          .join(', ')}`
      : '';
    return `SELECT ${selected.join(', ')} FROM ${table} WHERE ${conditions}${order} LIMIT 1`;
  });
  const rows = (await m.query(sql, parameters)) as T[];
  return rows[0] ?? null;
}

/** Sets `values` (plain columns) on the rows of `target` matching `where`; returns how many changed. */
export async function updateWhere<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntitySchema<T>,
  values: Partial<T>,
  where: Where<T>,
): Promise<number> {
  const properties = Object.keys(values).filter((k) => values[k] !== undefined) as Array<keyof T & string>;
  const parameters: unknown[] = properties.map((property) => values[property] ?? null);
  const conditions = whereClause(m, target, where, parameters);
  const sql = memo(m, target, `update:${properties.join(',')}:${shapeOf(where)}`, () => {
    const { driver } = m.dataSource;
    const { table, columns } = quotedNames(m, target, properties);
    const set = columns.map((column, i) => `${column} = ${driver.createParameter('v', i)}`);
    return `UPDATE ${table} SET ${set.join(', ')} WHERE ${conditions}`;
  });
  const result = await runStatement(m, sql, parameters);
  return result.affected ?? 0;
}
