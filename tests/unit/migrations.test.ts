import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { initCase, openCase } from '../../electron/services/case/case.ts';
import { latestVersion, migrate, migrations, type Migration } from '../../electron/services/db/migrate.ts';
import { APPLICATION_ID, closeDatabase, openDatabase } from '../../electron/services/db/open.ts';
import { insertDocument } from '../../electron/services/documents/documents.ts';
import { extractText } from '../../electron/services/ingest/text.ts';
import { importFiles, newCase, tempDir, writeFile } from './helpers.ts';

/** The whole schema as SQLite stores it: every table, index and trigger with its SQL. */
const schemaOf = (db: BetterSqlite3.Database) => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();

/** A case folder whose database stopped at schema 10 (documents only), holding one letter. */
function versionTenCase() {
  const dir = path.join(tempDir(), 'old-case');
  fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const file = path.join(dir, 'case.sqlite');
  const db = openDatabase(file, { create: true });
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, migrations.slice(0, 1));
  insertDocument(db, {
    sha256: 'b'.repeat(64),
    fileName: 'letter.txt',
    size: 20,
    provenance: {},
    actor: 'T',
    extracted: extractText(new TextEncoder().encode('Dear rapporteurs'), 'letter.txt'),
  });
  closeDatabase(db);
  return { dir, file };
}

const tables = (db: BetterSqlite3.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'pages_fts_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('has one file per step, listed in order, each with a test of its own', () => {
    const dir = path.resolve('electron/services/db/migrations');
    const files = fs.readdirSync(dir).filter((f) => /^\d{3}-.+\.ts$/.test(f));
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(migrations.map((m) => m.version));
    for (const f of files)
      expect(fs.existsSync(path.resolve('tests/unit/migrations', f.replace(/\.ts$/, '.test.ts'))), f).toBe(true);
  });

  it('brings an empty database to the latest schema in one step', () => {
    const db = openDatabase(path.join(tempDir(), 'x.sqlite'), { create: true });
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(tables(db)).toEqual([
      'allegations',
      'audit',
      'court_plans',
      'documents',
      'highlight_targets',
      'highlights',
      'links',
      'ocr_pages',
      'pages',
      'pages_fts',
      'settings',
      'sqlite_sequence',
      'trusted_signers',
    ]);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('migrates a case holding documents forward and keeps every row', async () => {
    const s = newCase();
    await importFiles(s, [writeFile(tempDir(), 'letter.txt', 'Dear rapporteurs\fpage two')]);
    const next: Migration = {
      version: latestVersion() + 10,
      name: 'test: a column for review status',
      up: (db) => db.exec("ALTER TABLE documents ADD COLUMN review_state TEXT NOT NULL DEFAULT 'unreviewed'"),
    };
    expect(migrate(s.store.db, [...migrations, next])).toEqual([next.version]);
    const row = s.store.db.prepare('SELECT title, page_count, review_state FROM documents').get();
    expect(row).toEqual({ title: 'letter', page_count: 2, review_state: 'unreviewed' });
    expect(s.store.db.prepare("SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH 'rapporteurs'").get()).toEqual({ n: 1 });
  });

  it('upgrades a version-10 case holding documents to the highlights schema, keeping its rows and index', () => {
    const db = openDatabase(path.join(tempDir(), 'v10.sqlite'), { create: true });
    migrate(db, migrations.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    insertDocument(db, {
      sha256: 'a'.repeat(64),
      fileName: 'letter.txt',
      size: 20,
      provenance: { source: 'post' },
      actor: 'T',
      extracted: extractText(new TextEncoder().encode('Dear rapporteurs\fsecond page'), 'letter.txt'),
    });
    expect(migrate(db)).toEqual(migrations.slice(1).map((m) => m.version));
    expect(db.prepare('SELECT title, page_count, source, status FROM documents').get()).toEqual({
      title: 'letter',
      page_count: 2,
      source: 'post',
      status: 'ready',
    });
    expect(db.prepare("SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH 'rapporteurs'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM highlights').get()).toEqual({ n: 0 });
    db.close();
  });

  it('rolls back every pending step when one fails', () => {
    const db = openDatabase(path.join(tempDir(), 'x.sqlite'), { create: true });
    const broken: Migration = { version: 20, name: 'broken', up: (d) => d.exec('CREATE TABLE nope (;') };
    expect(() => migrate(db, [...migrations, broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('a step failing halfway leaves the old schema, its user_version and its rows exactly as they were', () => {
    const { file } = versionTenCase();
    const db = openDatabase(file);
    const before = schemaOf(db);
    const failing: Migration = {
      version: latestVersion() + 10,
      name: 'test: fails after changing things',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        d.exec("ALTER TABLE documents ADD COLUMN review_state TEXT NOT NULL DEFAULT 'unreviewed'");
        d.exec("UPDATE documents SET title = 'renamed by the failing step'");
        throw new Error('disk unplugged');
      },
    };
    // Steps 20 and 30 succeed first; the failure in the last one takes them back too.
    expect(() => migrate(db, [...migrations, failing])).toThrow('disk unplugged');
    expect(schemaOf(db)).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT title FROM documents').all()).toEqual([{ title: 'letter' }]);
    db.close();
  });

  it('a process killed in the middle of a migration leaves the old schema; the next open upgrades cleanly', () => {
    const { dir, file } = versionTenCase();
    const db = openDatabase(file);
    const before = schemaOf(db);
    closeDatabase(db);
    const child = spawnSync(process.execPath, [path.resolve('tests/fixtures/migrate-then-die.ts'), file], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const after = new BetterSqlite3(file, { readonly: true });
    expect(schemaOf(after)).toEqual(before);
    expect(after.pragma('user_version', { simple: true })).toBe(10);
    expect(after.prepare('SELECT title FROM documents').all()).toEqual([{ title: 'letter' }]);
    after.close();
    const store = openCase(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(tables(store.db)).toContain('highlights');
    expect(tables(store.db)).not.toContain('half_done');
    expect(store.db.prepare('SELECT title FROM documents').all()).toEqual([{ title: 'letter' }]);
    store.close();
  });

  it('opens every connection with WAL, full sync, foreign keys and an untrusted schema', () => {
    const s = newCase();
    const p = (name: string) => s.store.db.pragma(name, { simple: true });
    expect([p('journal_mode'), p('synchronous'), p('foreign_keys'), p('trusted_schema'), p('busy_timeout')]).toEqual([
      'wal',
      2,
      1,
      0,
      5000,
    ]);
  });
});

describe('opening cases', () => {
  it('refuses a database from a newer Exhibit and leaves it byte-for-byte untouched', () => {
    const dir = path.join(tempDir(), 'future');
    initCase(dir, 'T').close();
    const file = path.join(dir, 'case.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${latestVersion() + 100}`);
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openCase(dir)).toThrow(/written by a newer Exhibit \(schema \d+; this one knows up to \d+\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a newer database left in WAL mode without creating -wal or -shm files beside it', () => {
    const dir = path.join(tempDir(), 'future-wal');
    initCase(dir, 'T').close();
    const file = path.join(dir, 'case.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`user_version = ${latestVersion() + 100}`);
    db.close();
    const before = fs.readFileSync(file);
    const entries = fs.readdirSync(dir).sort();
    expect(() => openCase(dir)).toThrow(expect.objectContaining({ code: 'newer-schema', subject: file }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(entries);
  });

  it('refuses a folder that is not a case, and a SQLite file from another program, without changing them', () => {
    const plain = tempDir();
    writeFile(plain, 'notes.txt', 'hello');
    expect(() => openCase(plain)).toThrow(
      `${plain} is not an Exhibit case (it has no case.sqlite); create one with "exhibit init"`,
    );
    expect(fs.readdirSync(plain)).toEqual(['notes.txt']);
    const other = tempDir();
    const foreign = new BetterSqlite3(path.join(other, 'case.sqlite'));
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    const before = fs.readFileSync(path.join(other, 'case.sqlite'));
    expect(() => openCase(other)).toThrow(/is a SQLite database but not an Exhibit case/);
    expect(fs.readFileSync(path.join(other, 'case.sqlite')).equals(before)).toBe(true);
  });

  it('will not initialise over an existing case', () => {
    const dir = path.join(tempDir(), 'c');
    initCase(dir, 'T').close();
    expect(() => initCase(dir, 'T')).toThrow(/already holds a case/);
  });
});
