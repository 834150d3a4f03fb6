import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for this code as if it lived at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries (enforced by lint, so npm test fails on a wrong import)', () => {
  it('keeps Node, Electron and the engine out of the renderer', async () => {
    expect(await violations('renderer/src/Bad.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations('renderer/src/Bad.ts', "import path from 'path';\nexport const x = path;\n")).toContain(
      'no-restricted-imports',
    );
    expect(
      await violations(
        'renderer/src/Bad.ts',
        "import { search } from '../../electron/services/search/search.ts';\nexport const x = search;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await violations('renderer/src/Bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"),
    ).toContain('no-restricted-imports');
  });

  it('keeps shared/ free of Node, Electron and the DOM', async () => {
    expect(
      await violations('shared/bad.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n"),
    ).toContain('no-restricted-imports');
    expect(await violations('shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations('shared/bad.ts', 'export const x = () => document.title;\n')).toContain('no-restricted-globals');
    expect(await violations('shared/bad.ts', 'export const x = () => process.env;\n')).toContain('no-restricted-globals');
  });

  it('keeps Electron out of the services and the CLI, and allows it in the shell', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await violations('electron/services/bad.ts', code)).toContain('no-restricted-imports');
    expect(await violations('electron/cli/bad.ts', code)).toContain('no-restricted-imports');
    expect(await violations('electron/main/fine.ts', code)).not.toContain('no-restricted-imports');
  });
});
