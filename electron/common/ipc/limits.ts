/**
 * The largest request either transport takes, in bytes: an image's bytes through Electron's IPC (checked by the
 * contract's schema) and any request body of the web host (refused with 413 before it is read further). One
 * number, so a picture that uploads in the browser also uploads in the app, and the other way round.
 */
export const MAX_BODY_BYTES = 80 * 1024 * 1024;

/** The limit in whole megabytes, for messages. */
export const MAX_BODY_MB = Math.round(MAX_BODY_BYTES / (1024 * 1024));
