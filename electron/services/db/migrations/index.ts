/**
 * Every schema step, in order. A new step is a new file NNN-what.ts (steps of ten) added
 * here, with a test in tests/unit/migrations/ that migrates a database holding rows of the
 * previous schema and checks them.
 */
import type { Migration } from './migration.ts';
import { migration as m010 } from './010-documents.ts';
import { migration as m020 } from './020-highlights.ts';
import { migration as m030 } from './030-allegations.ts';
import { migration as m040 } from './040-removed-links.ts';
import { migration as m050 } from './050-trusted-signers.ts';
import { migration as m060 } from './060-glyph-geometry.ts';
import { migration as m070 } from './070-ocr.ts';
import { migration as m080 } from './080-drifted-targets.ts';
import { migration as m090 } from './090-area-targets.ts';
import { migration as m100 } from './100-court-plans.ts';

export type { Migration } from './migration.ts';

export const migrations: readonly Migration[] = [m010, m020, m030, m040, m050, m060, m070, m080, m090, m100];
