import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { identitySchema } from '../../../shared/case-file/identity';
import { RECORD_SCHEMAS } from '../../../shared/case-file/records';
import { SECTION_SCHEMAS } from '../../../shared/case-file/sections';
import { isoDateSchema, longText } from '../../../shared/case-file/common';
import { fingerprintSchema, type PackagePart } from '../../../shared/referrals';
import { VOCABULARIES as V } from '../../../shared/vocabularies';
import { concatBytes, fromBase64, toBase64, utf8, wipe } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { openSealed, sealTo } from '../crypto/sealed-box';

/**
 * The referral package file (docs/referral-packages.md), one JSON object in canonical form
 * (sorted keys, no spaces):
 *   { "ciphertext": base64, "header": { createdAt, format, recipientFingerprint, senderFingerprint, version }, "signature": base64 }
 * - ciphertext: the content (JSON) sealed to the recipient's X25519 key: an ephemeral X25519
 *   key, HKDF-SHA256 and AES-256-GCM (crypto/sealed-box.ts), with the header in the key
 *   derivation and as associated data, so a header moved onto another ciphertext fails to open;
 * - signature: Ed25519 by the sender's organisation key over a domain tag, the header's length
 *   and canonical bytes, and the ciphertext.
 * Reading checks, in order: the canonical form (any changed byte is refused), the recipient (us),
 * the sender (in our partner directory), the signature, then opens and validates the content.
 */
export const PACKAGE_FORMAT = 'amparo-referral';
export const PACKAGE_VERSION = 1;
/** Far above any case without attachments; a bigger file is not read. */
export const MAX_PACKAGE_BYTES = 32 * 1024 * 1024;

const headerSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  senderFingerprint: fingerprintSchema,
  recipientFingerprint: fingerprintSchema,
  createdAt: z.iso.datetime(),
});
export type PackageHeader = z.infer<typeof headerSchema>;

const strictBase64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
const fileSchema = z.strictObject({ header: headerSchema, ciphertext: strictBase64.min(1), signature: strictBase64 });

const MAX_RECORDS = 1000;
type SectionPart = Exclude<PackagePart, 'identity' | RecordPart>;
type RecordPart = 'consent' | 'risk' | 'service' | 'note' | 'clinical';
export const SECTION_PARTS = ['profile', 'experience', 'plan', 'return', 'reintegration', 'legal'] as const satisfies readonly SectionPart[];
export const RECORD_PARTS = ['consent', 'risk', 'service', 'note', 'clinical'] as const satisfies readonly RecordPart[];

/** The content, validated part by part with the case file's own schemas. */
export const packageContentSchema = z.strictObject({
  referral: z.strictObject({
    servicesRequested: z.array(V.serviceType.schema).max(20),
    reason: longText,
    referredOn: isoDateSchema,
  }),
  /** The sender's case code, so both sides can name the same case when they talk. */
  senderCaseCode: z.string().max(40),
  identity: identitySchema.optional(),
  sections: z.strictObject(Object.fromEntries(SECTION_PARTS.map((s) => [s, SECTION_SCHEMAS[s].optional()])) as { [S in (typeof SECTION_PARTS)[number]]: z.ZodOptional<(typeof SECTION_SCHEMAS)[S]> }),
  records: z.strictObject(
    Object.fromEntries(RECORD_PARTS.map((k) => [k, z.array(RECORD_SCHEMAS[k]).max(MAX_RECORDS).optional()])) as {
      [K in (typeof RECORD_PARTS)[number]]: z.ZodOptional<z.ZodArray<(typeof RECORD_SCHEMAS)[K]>>;
    },
  ),
});
export type PackageContent = z.output<typeof packageContentSchema>;

function sealContext(header: PackageHeader): string {
  return `amparo-referral/v1\n${canonicalJson(header)}`;
}

function signedMessage(header: PackageHeader, ciphertext: Uint8Array): Uint8Array {
  const headerBytes = utf8(canonicalJson(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, headerBytes.length);
  return concatBytes(utf8('amparo-referral-signature/v1\n'), length, headerBytes, ciphertext);
}

/** Seals and signs `content`: the file's bytes. */
export function writePackage(
  content: PackageContent,
  keys: { header: PackageHeader; recipientEncryptionKey: Uint8Array; senderSigningSecret: Uint8Array },
): Uint8Array {
  const header = headerSchema.parse(keys.header);
  const plaintext = utf8(JSON.stringify(packageContentSchema.parse(content)));
  try {
    const ciphertext = sealTo(keys.recipientEncryptionKey, plaintext, sealContext(header));
    const signature = ed25519.sign(signedMessage(header, ciphertext), keys.senderSigningSecret);
    return utf8(canonicalJson({ header, ciphertext: toBase64(ciphertext), signature: toBase64(signature) }));
  } finally {
    wipe(plaintext);
  }
}

const invalid = () => new AppError('REFERRAL_INVALID', 'This file is not a referral package, or it was damaged or altered. Nothing was imported.');

/** The header, after checking that the file is exactly a package in canonical form. */
export function readPackageHeader(bytes: Uint8Array): { header: PackageHeader; ciphertext: Uint8Array; signature: Uint8Array } {
  if (bytes.length > MAX_PACKAGE_BYTES) throw invalid();
  let parsed: z.infer<typeof fileSchema>;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    throw invalid();
  }
  // One form only: a changed byte that still parses (a space, an escape) is refused too.
  if (canonicalJson(parsed) !== text) throw invalid();
  const ciphertext = fromBase64(parsed.ciphertext);
  const signature = fromBase64(parsed.signature);
  if (signature.length !== 64 || toBase64(ciphertext) !== parsed.ciphertext || toBase64(signature) !== parsed.signature) throw invalid();
  return { header: parsed.header, ciphertext, signature };
}

export interface OpenPackageKeys {
  /** Our fingerprint: the package must name us. */
  ourFingerprint: string;
  /** Our X25519 secret key (the caller wipes it). */
  ourEncryptionSecret: Uint8Array;
  /** The signing key of a sender in our directory, by fingerprint; null when unknown. */
  senderSigningKey: (fingerprint: string) => Uint8Array | null;
}

/** Checks a package and opens it: its header and validated content, or a refusal. */
export function openPackage(bytes: Uint8Array, keys: OpenPackageKeys): { header: PackageHeader; content: PackageContent } {
  const { header, ciphertext, signature } = readPackageHeader(bytes);
  if (header.recipientFingerprint !== keys.ourFingerprint) {
    throw new AppError('REFERRAL_NOT_FOR_US', 'This referral package was made for another organisation; only it can open the package.');
  }
  const senderKey = keys.senderSigningKey(header.senderFingerprint);
  if (!senderKey) throw new AppError('REFERRAL_UNKNOWN_SENDER', 'This package comes from an organisation that is not in our partner directory. Nothing was imported.');
  let valid = false;
  try {
    valid = ed25519.verify(signature, signedMessage(header, ciphertext), senderKey, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) throw new AppError('REFERRAL_SIGNATURE_INVALID', 'The package’s signature is not that of the partner it names: it was altered or made by someone else. Nothing was imported.');
  let plaintext: Uint8Array;
  try {
    plaintext = openSealed(keys.ourEncryptionSecret, ciphertext, sealContext(header));
  } catch {
    throw invalid();
  }
  try {
    const parsed = packageContentSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)));
    if (!parsed.success) throw invalid();
    return { header, content: parsed.data };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid();
  } finally {
    wipe(plaintext);
  }
}
