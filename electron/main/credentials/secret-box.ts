/**
 * Encrypts small secrets (application passwords, tokens) for storage on disk. In the app this is Electron's
 * safeStorage (the operating system's keychain); in the web host and in tests it is {@link FileKeySecretBox}.
 * Services only ever see this interface, so none of them needs `electron`.
 */
export interface SecretBox {
  /** A short name for diagnostics (`safeStorage`, `key-file`); never secret material. */
  readonly kind: string;
  encrypt(plain: string): Promise<Uint8Array>;
  /** Throws when the data was not made by this box (another machine, another key). */
  decrypt(data: Uint8Array): Promise<string>;
}
