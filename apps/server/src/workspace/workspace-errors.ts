/** Why a workspace file could not be read or written, in words an operator can act on. */

/** The workspace refuses a write (read-only mount, permissions, full disk): answered 503 with the reason. */
export class WorkspaceWriteError extends Error {
  override name = 'WorkspaceWriteError';
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(
      `The workspace cannot be written (${code} on ${path}): ${
        code === 'EROFS'
          ? 'it is on a read-only file system'
          : code === 'ENOSPC' || code === 'EDQUOT'
            ? 'the disk is full'
            : 'the server has no permission to write there'
      }. Make the workspace folder writable for the server's user, or run with FLOWBRIDGE_MODE=production to serve it read-only.`,
    );
  }
}

/** A workspace entry that is a symbolic link or resolves outside the workspace: never followed. */
export class UnsafeWorkspaceFileError extends Error {
  override name = 'UnsafeWorkspaceFileError';
  constructor(readonly relativePath: string) {
    super(`${relativePath} is a symbolic link or lies outside the workspace; the server does not follow links. Replace it with a regular file.`);
  }
}

const WRITE_REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** `error` as a `WorkspaceWriteError` when the file system refused the write, else unchanged. */
export function asWriteError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && WRITE_REFUSALS.has(code) ? new WorkspaceWriteError(path, code) : error;
}
