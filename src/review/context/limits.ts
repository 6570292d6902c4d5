export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;
export const DEFAULT_MAX_FILES = 2000;
/** File-system calls in flight at once while gathering (stats, reads and folder listings together). */
export const FS_CONCURRENCY = 16;
