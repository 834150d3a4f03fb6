/**
 * The IPC contract: every channel the UI may call, with the zod schemas of its
 * arguments and its result. Main, preload, the e2e bridge and the renderer all
 * derive their types from this one table.
 */
import { z } from 'zod';
import { allegationChannels } from './allegation-schemas.ts';
import { BackupStatus, backupChannels } from './backup-schemas.ts';
import { BundleProgress, bundleChannels } from './bundle-schemas.ts';
import { caseChannels } from './case-schemas.ts';
import { CourtProgress, courtChannels } from './court-schemas.ts';
import type { ChannelSpec } from './channel-spec.ts';
import { GeometryStatus } from './geometry-schemas.ts';
import { highlightChannels } from './highlight-schemas.ts';
import { Languages, OcrProgress, ocrChannels } from './ocr-schemas.ts';
import { trustChannels } from './trust-schemas.ts';
import {
  AuditReport,
  CaseInfo,
  DocumentDetail,
  DocumentSummary,
  ImportProgress,
  ImportResult,
  PageText,
  Provenance,
  SearchResponse,
} from './schemas.ts';

export * from './schemas.ts';
export * from './highlight-schemas.ts';
export * from './allegation-schemas.ts';
export * from './bundle-schemas.ts';
export * from './backup-schemas.ts';
export * from './geometry-schemas.ts';
export * from './trust-schemas.ts';
export * from './ocr-schemas.ts';
export * from './court-schemas.ts';
export type { ChannelFacts, ChannelSpec, GrantPurpose } from './channel-spec.ts';
export { Settings, ThemeChoice } from './case-schemas.ts';

const id = z.string().min(1).max(200);
const none = z.object({}).strict();

/** Every channel: its arguments and its result. */
export const contract = {
  'case.info': { args: none, result: CaseInfo, access: 'read' },
  'documents.list': { args: none, result: z.array(DocumentSummary), access: 'read' },
  'documents.get': { args: z.object({ documentId: id }).strict(), result: DocumentDetail, access: 'read' },
  'documents.page': {
    args: z.object({ documentId: id, page: z.number().int().min(1) }).strict(),
    result: PageText,
    access: 'read',
  },
  'documents.setProvenance': {
    args: z.object({ documentId: id, provenance: Provenance }).strict(),
    result: DocumentSummary,
    access: 'write',
  },
  'import.start': {
    args: z
      .object({
        jobId: id,
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10000),
        password: z.string().max(1024).optional(),
        provenance: Provenance.optional(),
        /** Languages to read scanned pages and images with (default English); false leaves them unread. */
        ocr: z.union([Languages, z.literal(false)]).optional(),
      })
      .strict(),
    result: z.array(ImportResult),
    access: 'write',
    path: { field: 'paths', need: 'read', inside: true },
  },
  'import.cancel': { args: z.object({ jobId: id }).strict(), result: z.object({ cancelled: z.boolean() }), access: 'read' },
  'search.query': {
    args: z
      .object({
        query: z.string().max(1000),
        limit: z.number().int().min(1).max(200).optional(),
        offset: z.number().int().min(0).max(100000).optional(),
      })
      .strict(),
    result: SearchResponse,
    access: 'read',
  },
  'audit.verify': { args: none, result: AuditReport, access: 'read' },
  // Served by the host (Electron's dialogs, or the test harness), not by the services.
  'dialog.openFiles': { args: none, result: z.array(z.string()), access: 'read', host: true, grants: { purpose: 'read' } },
  'dialog.openFolder': { args: none, result: z.array(z.string()), access: 'read', host: true, grants: { purpose: 'read' } },
  /** An OCR language pack to add (Tesseract's `<code>.traineddata[.gz]`), from the host's own file dialog. */
  'dialog.openLanguagePack': {
    args: none,
    result: z.array(z.string()),
    access: 'read',
    host: true,
    grants: { purpose: 'read' },
  },
  ...highlightChannels,
  ...caseChannels,
  ...allegationChannels,
  ...bundleChannels,
  ...backupChannels,
  ...trustChannels,
  ...ocrChannels,
  ...courtChannels,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** The channels the host serves (dialogs, the shell, the clipboard); the services serve the rest. */
export type HostChannel = { [C in Channel]: Contract[C] extends { host: true } ? C : never }[Channel];

/** The channels whose entry satisfies `test`, in contract order. */
export function channelsWhere(test: (spec: ChannelSpec) => boolean): Channel[] {
  return (Object.keys(contract) as Channel[]).filter((c) => test(contract[c]));
}

/** The contract's entry for a channel name from outside (null for anything that is not one). */
export function specOf(channel: string): ChannelSpec | null {
  return Object.hasOwn(contract, channel) ? contract[channel as Channel] : null;
}

export const hostChannels = channelsWhere((spec) => spec.host === true) as HostChannel[];
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

/**
 * A command chosen in the application menu, for the UI to carry out as if its own control
 * (or shortcut) was used. `case-changed` is the host saying it switched cases itself (the
 * File > Recent Cases submenu), so the UI reloads everything.
 */
export const MenuCommand = z.enum([
  'import-files',
  'import-folder',
  'open-case',
  'new-case',
  'case-changed',
  'undo',
  'redo',
  'find-in-document',
  'search-case',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'toggle-sidebar',
  'remove-document',
  'edit-provenance',
  'verify-audit',
  'show-shortcuts',
  'set-reviewer',
  'show-allegations',
  'show-matrix',
  'court-bundle',
  'export-bundle',
  'verify-bundle',
  'import-bundle',
  'backup-now',
  'show-trusted-signers',
  'theme-system',
  'theme-light',
  'theme-dark',
  'rerun-ocr',
  'toggle-ocr-text',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** Events pushed from the host to the UI. */
export const events = {
  'import.progress': ImportProgress,
  'bundle.progress': BundleProgress,
  'menu.command': MenuCommand,
  'backup.status': BackupStatus,
  'geometry.status': GeometryStatus,
  'ocr.progress': OcrProgress,
  'court.progress': CourtProgress,
} as const;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** What crosses the IPC boundary: a value, or an error the UI can show. */
export const ErrorPayload = z.object({
  code: z.string(),
  message: z.string(),
  subject: z.string().nullable(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
