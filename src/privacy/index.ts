// The privacy layer's public surface: import from here ("../privacy/index.ts"), not from its files.
export {
  Keyring,
  KeyringError,
  generateKey,
  nextKeyId,
  AES_KEY_BYTES,
  KEY_ID_PATTERN,
  type KeyMaterial,
  type KeyringSource,
  type PrivacyKeys,
} from "./keyring.ts";
export {
  keyringSettingsFields,
  keyringSettingsSchema,
  checkKeyringSettings,
  privacyKeysFromSettings,
  type KeyringSettingsValues,
} from "./keyringSettings.ts";
export { createDevelopmentKeyring, DevelopmentKeysError, DEV_KEYS_FILE, warnOfDevelopmentKeys, type DevelopmentKeys } from "./developmentKeyring.ts";
export { keysFingerprint } from "./keysFingerprint.ts";
export {
  encryptText,
  decryptText,
  encryptBytes,
  decryptBytes,
  isEncrypted,
  keyIdOf,
  DecryptionError,
  type DecryptionFailure,
  type CryptoContext,
  type DecryptOptions,
} from "./fieldCrypto.ts";
export { HashKey, lookupHash, normaliseForLookup, LookupValueError, HASH_KEY_MIN_BYTES, type LookupKind } from "./keyedHash.ts";
export {
  reencryptIfStale,
  rotateColumn,
  type Reencrypted,
  type RotationRow,
  type RotationProgress,
  type RotationReport,
  type RotateColumnOptions,
} from "./rotation.ts";
export { ENCRYPTION_CONTEXTS, type EncryptionContext } from "./contexts.ts";
