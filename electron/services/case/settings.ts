/** Per-user settings (reviewer's name and organization, recent cases, last document, theme), in a small JSON file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { userConfigDir } from './paths.ts';

const Settings = z
  .object({
    reviewerName: z.string().min(1).max(200).optional(),
    /** Named in bundles' bag-info.txt as Source-Organization. */
    organization: z.string().min(1).max(200).optional(),
    recentCases: z.array(z.string()).optional(),
    lastDocument: z.object({ caseDir: z.string(), documentId: z.string(), page: z.number().int() }).nullable().optional(),
    /** Light or dark whatever the system says; absent: follow the system. */
    theme: z.enum(['system', 'light', 'dark']).optional(),
  })
  .passthrough();
export type Settings = z.infer<typeof Settings>;

const settingsFile = (dir: string) => path.join(dir, 'settings.json');

/** Read the settings; a missing or unreadable file gives the defaults. */
export function readSettings(dir = userConfigDir()): Settings {
  try {
    return Settings.parse(JSON.parse(fs.readFileSync(settingsFile(dir), 'utf8')));
  } catch {
    return {};
  }
}

/** Save settings atomically (temp file + rename). */
export function writeSettings(settings: Settings, dir = userConfigDir()): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${settingsFile(dir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(Settings.parse(settings), null, 2));
  fs.renameSync(tmp, settingsFile(dir));
}

/** The name recorded as actor in the audit log: EXHIBIT_REVIEWER, the setting, or the OS user. */
export function reviewerName(env: Record<string, string | undefined> = process.env, dir?: string): string {
  if (env.EXHIBIT_REVIEWER) return env.EXHIBIT_REVIEWER;
  const saved = readSettings(dir).reviewerName;
  if (saved) return saved;
  try {
    return os.userInfo().username || 'unknown reviewer';
  } catch {
    return 'unknown reviewer';
  }
}

/** The reviewer's organization for bundles (Source-Organization), or null when none is set. */
export function organizationName(dir?: string): string | null {
  return readSettings(dir).organization ?? null;
}

/** Set the organization; an empty or blank name removes it. */
export function saveOrganization(name: string | null, dir?: string): void {
  const { organization: _old, ...rest } = readSettings(dir);
  const trimmed = name?.trim() ?? '';
  writeSettings(trimmed ? { ...rest, organization: trimmed } : rest, dir);
}

const MAX_RECENT = 10;

/** Put a case at the top of the recent list. */
export function rememberCase(caseDir: string, dir = userConfigDir()): void {
  const settings = readSettings(dir);
  const recent = [caseDir, ...(settings.recentCases ?? []).filter((c) => c !== caseDir)].slice(0, MAX_RECENT);
  writeSettings({ ...settings, recentCases: recent }, dir);
}
