/** The workspace API the refactoring tools use: references, previews, reference-aware delete, settings and start-up health. */
import type { Reference, ReferenceEdit, RequestBodyOf, ResponseOf, StartupReport, StartupStatus, WorkspaceSettings } from '@flowbridge/api-schema';
import { request } from '../api/client';

export type { Reference, ReferenceEdit, StartupReport, StartupStatus, WorkspaceSettings };
export type RenameResult = ResponseOf<'renameFlow'>;
export type SettingsAnswer = ResponseOf<'getSettings'>;

const flowPath = (name: string) => `/api/flows/${encodeURIComponent(name)}`;

export const refactorApi = {
  async references(kind?: Reference['targetKind'], name?: string): Promise<Reference[]> {
    const query = new URLSearchParams();
    if (kind) query.set('kind', kind);
    if (name) query.set('name', name);
    return (await request<ResponseOf<'listReferences'>>('GET', `/api/references?${query.toString()}`)).references;
  },
  renameFlow: (name: string, newName: string, dryRun: boolean) => request<RenameResult>('POST', `${flowPath(name)}/rename`, { newName, dryRun } satisfies RequestBodyOf<'renameFlow'>),
  renameConstant: (name: string, newName: string, dryRun: boolean) =>
    request<ResponseOf<'renameConstant'>>('POST', `/api/constants/${encodeURIComponent(name)}/rename`, { newName, dryRun } satisfies RequestBodyOf<'renameConstant'>),
  /** Deletes a flow; without `force` the server refuses (409 FlowInUse, details: the references) while it is referenced. */
  deleteFlow: (name: string, force: boolean) => request<void>('DELETE', `${flowPath(name)}${force ? '?force=true' : ''}`),
  startup: () => request<StartupStatus>('GET', '/api/startup'),
  rerunStartup: () => request<StartupReport>('POST', '/api/startup/rerun', {}),
  settings: () => request<SettingsAnswer>('GET', '/api/settings'),
  saveSettings: (settings: Record<string, unknown>) => request<ResponseOf<'putSettings'>>('PUT', '/api/settings', settings satisfies RequestBodyOf<'putSettings'>),
};
