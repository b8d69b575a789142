// File-system failures in words, naming the path the user gave: "Cannot write out/x.ndjson:
// permission denied." rather than "EACCES: permission denied, open 'out/x.ndjson.partial'".
import { CommandError } from "./errors.js";

const REASONS: Record<string, string> = {
  ENOENT: "there is no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  EEXIST: "something else is in the way",
  EMFILE: "too many files are open",
  ENFILE: "too many files are open",
  ENAMETOOLONG: "the name is too long",
  EBUSY: "it is in use",
  EINVAL: "the name is not valid here",
  ELOOP: "the path has a loop of symbolic links",
  EIO: "the disk failed to read or write",
};

/** The failure to `action` (read, write, create) `path`, as one line for the user. */
export function fileError(error: unknown, action: string, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !code.startsWith("E")) return error;
  return new CommandError(`Cannot ${action} ${path}: ${REASONS[code] ?? `the system refused (${code})`}.`);
}

/** A file-system error no command explained, in words, or undefined when it is not one. */
export function fileProblem(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== "string" || typeof path !== "string") return undefined;
  const action = syscall === "open" || syscall === "write" ? "write" : (syscall ?? "use");
  return `Cannot ${action} ${path}: ${REASONS[code] ?? `the system refused (${code})`}.`;
}
